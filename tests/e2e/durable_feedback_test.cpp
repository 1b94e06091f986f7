// Issue 16, durable feedback over real HTTP: the feedback endpoint writes the
// preferences' trackFeedback, and GET /api/user/settings shows it at once (the
// cached settings are cleared).
#include "tests/e2e/recs_api_fixture.h"

namespace echotune::e2e {
namespace {

class DurableFeedbackApi : public RecsApiFixture {
 protected:
  void SetUp() override {
    ASSERT_EQ(PostListens(0, 20).status, 200u);
    RebuildEngine();
  }
};

TEST_F(DurableFeedbackApi, FeedbackIsInTheSettingsDocumentAtOnce) {
  auto before = Get("/api/user/settings");
  ASSERT_EQ(before.status, 200u) << before.body;
  EXPECT_FALSE(before.Json().at("data").as_object().contains("trackFeedback"));
  ASSERT_EQ(Get("/api/user/settings").Json().at("meta").at("cached"), true);

  auto recs = Get("/api/recommendations?limit=2");
  ASSERT_EQ(recs.status, 200u) << recs.body;
  auto ids = TrackIds(recs.Json().at("data"));
  ASSERT_EQ(ids.size(), 2u);
  ASSERT_EQ(Post("/api/recommendations/feedback", R"({"trackId": ")" + ids[0] + R"(", "action": "like"})").status,
            200u);
  ASSERT_EQ(Post("/api/recommendations/feedback", R"({"trackId": ")" + ids[1] + R"(", "action": "dislike"})").status,
            200u);
  ASSERT_EQ(Post("/api/recommendations/feedback", R"({"trackId": ")" + ids[0] + R"(", "action": "dislike"})").status,
            200u);  // the dislike replaces the like

  auto after = Get("/api/user/settings");
  ASSERT_EQ(after.status, 200u);
  EXPECT_EQ(after.Json().at("meta").at("cached"), false);
  auto fb = after.Json().at("data").at("trackFeedback");
  EXPECT_TRUE(fb.at("liked").as_array().empty());
  ASSERT_EQ(fb.at("disliked").as_array().size(), 2u);
  EXPECT_EQ(fb.at("disliked").as_array().at(0).as_string(), ids[1]);
  EXPECT_EQ(fb.at("disliked").as_array().at(1).as_string(), ids[0]);
  EXPECT_TRUE(fb.at("saved").as_array().empty());

  // Not a setting: a PATCH cannot write it.
  auto patch = Patch("/api/user/settings", R"({"trackFeedback": {"liked": []}})");
  EXPECT_EQ(patch.status, 400u);
  EXPECT_EQ(FieldOf(patch), "trackFeedback");
}

}  // namespace
}  // namespace echotune::e2e
