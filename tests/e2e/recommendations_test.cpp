// Issue 7, GET /api/recommendations and POST /api/recommendations/feedback over
// real HTTP with a real store and the real engine.
#include <algorithm>
#include <set>

#include "tests/e2e/recs_api_fixture.h"

namespace echotune::e2e {
namespace {

class Recommendations : public RecsApiFixture {
 protected:
  void SetUp() override {
    ASSERT_EQ(PostListens(0, 20).status, 200u);
    RebuildEngine();
  }
};

TEST_F(Recommendations, SecondCallIsCachedAndANewListenInvalidates) {
  auto first = Get("/api/recommendations?limit=5");
  ASSERT_EQ(first.status, 200u) << first.body;
  auto meta = first.Json().at("meta").as_object();
  EXPECT_EQ(meta.at("cached"), false);
  EXPECT_EQ(meta.at("strategy"), "hybrid");
  EXPECT_EQ(meta.at("limit"), 5);
  EXPECT_EQ(meta.at("offset"), 0);
  EXPECT_TRUE(meta.at("recommendationId").is_string());
  auto data = first.Json().at("data").as_array();
  ASSERT_EQ(data.size(), 5u);
  for (const auto& c : data) {
    for (const char* k : {"trackId", "name", "artist", "score", "strategy", "reason", "audioFeatures"}) {
      EXPECT_TRUE(c.as_object().contains(k)) << k;
    }
    EXPECT_FALSE(std::string(c.at("reason").as_string()).empty());
  }
  auto second = Get("/api/recommendations?limit=5");
  ASSERT_EQ(second.status, 200u);
  EXPECT_EQ(second.Json().at("meta").at("cached"), true);
  EXPECT_EQ(second.Json().at("data"), first.Json().at("data"));
  EXPECT_EQ(second.Json().at("meta").at("recommendationId"), meta.at("recommendationId"));

  // The computed set is stored with a 7-day expiry.
  auto saved = store().recommendations().Get(*core::ObjectId::Parse(user_id_),
                                             *core::ObjectId::Parse(meta.at("recommendationId").as_string()));
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->tracks.size(), 5u);
  EXPECT_EQ(saved->expires_at - saved->created_at, model::kRecommendationTtl);

  ASSERT_EQ(PostListens(30, 31, "", 100).status, 200u);
  auto third = Get("/api/recommendations?limit=5");
  ASSERT_EQ(third.status, 200u);
  EXPECT_EQ(third.Json().at("meta").at("cached"), false);
}

TEST_F(Recommendations, SetsDoNotRepeatTracksWithin24Hours) {
  auto a = Get("/api/recommendations?limit=10");
  auto b = Get("/api/recommendations?limit=10&strategy=content");
  ASSERT_EQ(a.status, 200u) << a.body;
  ASSERT_EQ(b.status, 200u) << b.body;
  EXPECT_EQ(b.Json().at("meta").at("strategy"), "content_based");
  auto ia = TrackIds(a.Json().at("data"));
  auto ib = TrackIds(b.Json().at("data"));
  ASSERT_FALSE(ib.empty());
  std::set<std::string> sa(ia.begin(), ia.end());
  for (const auto& t : ib) EXPECT_FALSE(sa.contains(t)) << t;
  // Known tracks (the user's listens) are not recommended.
  for (const auto& t : ia) EXPECT_GE(t, std::string("trk020"));
}

TEST_F(Recommendations, ADislikedTrackNeverComesBack) {
  auto first = Get("/api/recommendations?limit=1");
  ASSERT_EQ(first.status, 200u) << first.body;
  std::string served = TrackIds(first.Json().at("data")).at(0);
  // The track the engine would put first next time.
  recs::RecRequest r;
  r.user_id = user_id_;
  r.limit = 1;
  r.recently_served = {served};
  auto next = svc_.service().engine().Recommend(r);
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->size(), 1u);
  std::string doomed = next->front().track_id;

  auto fb = Post("/api/recommendations/feedback", R"({"trackId": ")" + doomed + R"(", "action": "dislike"})");
  ASSERT_EQ(fb.status, 200u) << fb.body;
  EXPECT_EQ(fb.Json().at("data").at("recommendationId"), first.Json().at("meta").at("recommendationId"));
  EXPECT_EQ(fb.Json().at("data").at("userFeedback").at("disliked_tracks").as_array().size(), 1u);
  EXPECT_EQ(Events(user_id_, model::EventType::kRecommendationDismissed).size(), 1u);

  for (const char* q : {"/api/recommendations?limit=20", "/api/recommendations?limit=20&strategy=content",
                        "/api/recommendations?limit=20&strategy=collaborative"}) {
    auto after = Get(q);
    ASSERT_EQ(after.status, 200u) << after.body;
    auto ids = TrackIds(after.Json().at("data"));
    EXPECT_EQ(std::count(ids.begin(), ids.end(), doomed), 0) << q;
  }
}

TEST_F(Recommendations, LikeAndSaveAreRecordedOnTheNamedSetAndInvalidateTheCache) {
  auto first = Get("/api/recommendations?limit=3");
  ASSERT_EQ(first.status, 200u) << first.body;
  std::string rec_id(first.Json().at("meta").at("recommendationId").as_string());
  auto ids = TrackIds(first.Json().at("data"));
  auto like = Post("/api/recommendations/feedback",
                   R"({"trackId": ")" + ids[0] + R"(", "action": "like", "recommendationId": ")" + rec_id + R"("})");
  ASSERT_EQ(like.status, 200u) << like.body;
  auto save = Post("/api/recommendations/feedback", R"({"trackId": ")" + ids[1] + R"(", "action": "save"})");
  ASSERT_EQ(save.status, 200u) << save.body;
  EXPECT_EQ(save.Json().at("data").at("recommendationId").as_string(), rec_id);
  auto fb = save.Json().at("data").at("userFeedback");
  EXPECT_EQ(fb.at("liked_tracks").as_array().at(0).as_string(), ids[0]);
  EXPECT_EQ(fb.at("saved_tracks").as_array().at(0).as_string(), ids[1]);
  EXPECT_EQ(Events(user_id_, model::EventType::kRecommendationClicked).size(), 2u);
  EXPECT_EQ(Get("/api/recommendations?limit=3").Json().at("meta").at("cached"), false);
}

TEST_F(Recommendations, FeedbackErrors) {
  struct Case {
    std::string body;
    unsigned status;
    std::string field;
  };
  std::vector<Case> cases = {
      {R"({"action": "like"})", 400, "trackId"},
      {R"({"trackId": "trk050", "action": "love"})", 400, "action"},
      {R"({"trackId": "trk050"})", 400, "action"},
      {R"({"trackId": "trk050", "action": "like", "recommendationId": "zz"})", 400, "recommendationId"},
      {R"({"trackId": "trk050", "action": "like", "recommendationId": "0123456789abcdef01234567"})", 404, ""},
      {R"({"trackId": "trk050", "action": "like"})", 404, ""},  // no set yet
  };
  for (const auto& c : cases) {
    auto r = Post("/api/recommendations/feedback", c.body);
    EXPECT_EQ(r.status, c.status) << c.body << " " << r.body;
    if (!c.field.empty()) {
      EXPECT_EQ(FieldOf(r), c.field) << c.body;
    }
  }
}

TEST_F(Recommendations, QueryParametersAreValidated) {
  std::vector<std::pair<std::string, std::string>> cases = {
      {"limit=0", "limit"},          {"limit=51", "limit"},           {"limit=abc", "limit"},
      {"offset=-1", "offset"},       {"strategy=magic", "strategy"},  {"target_energy=1.5", "target_energy"},
      {"target_valence=x", "target_valence"}, {"mood=grumpy", "mood"}, {"strategy=mood_based", "mood"},
  };
  for (const auto& [q, field] : cases) {
    auto r = Get("/api/recommendations?" + q);
    EXPECT_EQ(r.status, 400u) << q << " " << r.body;
    EXPECT_EQ(FieldOf(r), field) << q;
  }
  EXPECT_EQ(Fetch(svc_.port(), bhttp::verb::get, "/api/recommendations").status, 401u);
}

TEST_F(Recommendations, MoodTargetsAndSeedsHaveTheirOwnCacheEntries) {
  auto mood = Get("/api/recommendations?strategy=mood_based&mood=workout&limit=5");
  ASSERT_EQ(mood.status, 200u) << mood.body;
  EXPECT_EQ(mood.Json().at("meta").at("strategy"), "mood_based");
  EXPECT_EQ(mood.Json().at("data").as_array().size(), 5u);
  auto targeted = Get("/api/recommendations?strategy=content&target_energy=0.9&target_valence=0.2&limit=5");
  ASSERT_EQ(targeted.status, 200u) << targeted.body;
  EXPECT_EQ(targeted.Json().at("meta").at("cached"), false);
  auto plain = Get("/api/recommendations?strategy=content&limit=5");
  EXPECT_EQ(plain.Json().at("meta").at("cached"), false);
  EXPECT_EQ(Get("/api/recommendations?strategy=content&target_energy=0.9&target_valence=0.2&limit=5")
                .Json().at("meta").at("cached"),
            true);
  auto seeded = Get("/api/recommendations?seed_tracks=trk001,trk002&limit=5&offset=5");
  ASSERT_EQ(seeded.status, 200u) << seeded.body;
  EXPECT_EQ(seeded.Json().at("meta").at("offset"), 5);
}

TEST_F(Recommendations, ANewUserGetsColdStartTracks) {
  std::string token = NewUser("newcomer");
  auto r = Get("/api/recommendations?limit=10", token);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.Json().at("data").as_array().size(), 10u);
}

}  // namespace
}  // namespace echotune::e2e
