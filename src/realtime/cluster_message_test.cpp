#include "realtime/cluster_message.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace echotune::realtime {
namespace {

namespace json = boost::json;

TEST(ClusterMessage, EventChannelIsOnePerFamily) {
  EXPECT_EQ(EventChannel("now_playing"), "echotune:events:now_playing");
  EXPECT_EQ(EventChannel("recommendation_update"), "echotune:events:recommendation_update");
}

TEST(ClusterMessage, AUserEventRoundTrips) {
  ClusterEvent e{.origin = "a1b2", .event = "now_playing", .user_id = "65f0c0ffee0000000000beef",
                 .data = json::object{{"isPlaying", true}, {"progressMs", 1234}}};
  std::string payload = EncodeClusterEvent(e);
  EXPECT_EQ(json::parse(payload), json::parse(R"({"origin":"a1b2","to":"65f0c0ffee0000000000beef",)"
                                              R"("data":{"isPlaying":true,"progressMs":1234}})"));
  auto back = DecodeClusterEvent(EventChannel(e.event), payload);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->origin, "a1b2");
  EXPECT_EQ(back->event, "now_playing");
  EXPECT_EQ(back->user_id, e.user_id);
  EXPECT_EQ(back->data, e.data);
}

TEST(ClusterMessage, AnEventForEveryoneSaysAll) {
  ClusterEvent e{.origin = "x", .event = "provider_health", .user_id = std::nullopt, .data = json::array{1, "two"}};
  std::string payload = EncodeClusterEvent(e);
  EXPECT_NE(payload.find(R"("to":"all")"), std::string::npos);
  auto back = DecodeClusterEvent("echotune:events:provider_health", payload);
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->user_id.has_value());
  EXPECT_EQ(back->data, e.data);
}

TEST(ClusterMessage, NullDataIsKept) {
  auto back = DecodeClusterEvent("echotune:events:x", R"({"origin":"o","to":"all","data":null})");
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->data.is_null());
}

TEST(ClusterMessage, MalformedMessagesAreErrorsNotCrashes) {
  const char* bad[] = {"", "not json", "[]", "{\"to\":\"all\",\"data\":1}", "{\"origin\":1,\"to\":\"all\",\"data\":1}",
                       "{\"origin\":\"o\",\"data\":1}", "{\"origin\":\"o\",\"to\":\"\",\"data\":1}",
                       "{\"origin\":\"o\",\"to\":7,\"data\":1}", "{\"origin\":\"o\",\"to\":\"all\"}",
                       "{\"origin\":\"o\",\"to\":\"all\",\"data\":", "\xff\xfe"};
  for (const char* payload : bad) {
    EXPECT_FALSE(DecodeClusterEvent("echotune:events:now_playing", payload).ok()) << payload;
  }
  const std::string ok = R"({"origin":"o","to":"all","data":1})";
  EXPECT_FALSE(DecodeClusterEvent("echotune:events:", ok).ok());
  EXPECT_FALSE(DecodeClusterEvent("other:now_playing", ok).ok());
  EXPECT_TRUE(DecodeClusterEvent("echotune:events:now_playing", ok).ok());
}

}  // namespace
}  // namespace echotune::realtime
