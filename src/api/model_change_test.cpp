#include "api/model_change.h"

#include <gtest/gtest.h>

namespace echotune::api {
namespace {

constexpr const char* kUser = "65f0c0ffee0000000000beef";

TEST(ModelChange, ListensAndFeedbackRoundTrip) {
  recs::Interaction listen{.user_id = kUser, .track_id = "trk001", .played_at_ms = 1733300000123,
                           .skipped = true, .repeat_count = 2, .play_count = 1, .feedback = recs::Feedback::kNone};
  recs::Interaction like{.user_id = kUser, .track_id = "trk002", .played_at_ms = 1733300000999,
                         .skipped = false, .repeat_count = 0, .play_count = 0, .feedback = recs::Feedback::kDislike};
  ModelChange change{.origin = "abc", .user_id = kUser, .events = {listen, like}};
  auto back = DecodeModelChange(EncodeModelChange(change));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->origin, "abc");
  EXPECT_EQ(back->user_id, kUser);
  ASSERT_EQ(back->events.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const auto& a = change.events[i];
    const auto& b = back->events[i];
    EXPECT_EQ(b.user_id, a.user_id);
    EXPECT_EQ(b.track_id, a.track_id);
    EXPECT_EQ(b.played_at_ms, a.played_at_ms);
    EXPECT_EQ(b.skipped, a.skipped);
    EXPECT_EQ(b.repeat_count, a.repeat_count);
    EXPECT_EQ(b.play_count, a.play_count);
    EXPECT_EQ(b.feedback, a.feedback);
  }
}

TEST(ModelChange, MalformedPayloadsAreErrorsNamingTheField) {
  const std::string ok_event = R"({"trackId":"t","playedAt":1,"skipped":false,"repeatCount":0,"playCount":1,"feedback":"none"})";
  auto with = [&](const std::string& user, const std::string& event) {
    return R"({"origin":"o","userId":")" + user + R"(","events":[)" + event + "]}";
  };
  EXPECT_TRUE(DecodeModelChange(with(kUser, ok_event)).ok());
  struct Case {
    std::string payload, field;
  };
  std::vector<Case> cases = {
      {"", "payload"},
      {"[1]", "payload"},
      {R"({"userId":"65f0c0ffee0000000000beef","events":[]})", "origin"},
      {with("nope", ok_event), "userId"},
      {R"({"origin":"o","userId":"65f0c0ffee0000000000beef","events":{}})", "events"},
      {with(kUser, "7"), "events"},
      {with(kUser, R"({"trackId":"","playedAt":1,"skipped":false,"repeatCount":0,"playCount":1,"feedback":"none"})"),
       "trackId"},
      {with(kUser, R"({"trackId":"t","playedAt":"x","skipped":false,"repeatCount":0,"playCount":1,"feedback":"none"})"),
       "playedAt"},
      {with(kUser, R"({"trackId":"t","playedAt":1,"skipped":0,"repeatCount":0,"playCount":1,"feedback":"none"})"),
       "skipped"},
      {with(kUser, R"({"trackId":"t","playedAt":1,"skipped":false,"repeatCount":-1,"playCount":1,"feedback":"none"})"),
       "repeatCount"},
      {with(kUser, R"({"trackId":"t","playedAt":1,"skipped":false,"repeatCount":0,"playCount":1e99,"feedback":"none"})"),
       "playCount"},
      {with(kUser, R"({"trackId":"t","playedAt":1,"skipped":false,"repeatCount":0,"playCount":1,"feedback":"love"})"),
       "feedback"},
  };
  for (const auto& c : cases) {
    auto r = DecodeModelChange(c.payload);
    ASSERT_FALSE(r.ok()) << c.payload;
    EXPECT_EQ(r.error().details.at("field").as_string(), c.field) << c.payload;
  }
}

}  // namespace
}  // namespace echotune::api
