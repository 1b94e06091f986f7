// Issue 17 over real HTTP: GET /api/recommendations honours mood, targets and
// seed genres (meta.context says how), and the listener's settings are
// context too — a PATCH of /api/user/settings makes the next GET recompute.
#include <algorithm>

#include "tests/e2e/recs_api_fixture.h"

namespace echotune::e2e {
namespace {

class RecsContext : public RecsApiFixture {
 protected:
  void SetUp() override {
    ASSERT_EQ(PostListens(0, 20).status, 200u);
    RebuildEngine();
  }
  static double MeanOf(const boost::json::value& data, const char* feature) {
    double sum = 0;
    for (const auto& c : data.as_array()) sum += c.at("audioFeatures").at(feature).to_number<double>();
    return data.as_array().empty() ? -1 : sum / static_cast<double>(data.as_array().size());
  }
};

TEST_F(RecsContext, HealthSaysTheModelIsBuilt) {
  auto data = Fetch(svc_.port(), bhttp::verb::get, "/api/health").Json().at("data");
  EXPECT_EQ(data.at("services").at("recommendations").at("status"), "healthy");
  EXPECT_EQ(std::string(data.at("services").at("recommendations").at("detail").as_string()),
            "model built: " + std::to_string(kTracks) + " tracks");
}

TEST_F(RecsContext, ATargetEnergyIsHonouredByTheDefaultStrategyAndReportedInMeta) {
  for (double target : {0.2, 0.8}) {
    auto r = Get("/api/recommendations?limit=10&target_energy=" + std::to_string(target));
    ASSERT_EQ(r.status, 200u) << r.body;
    auto j = r.Json();
    EXPECT_EQ(j.at("meta").at("strategy"), "hybrid");
    ASSERT_EQ(j.at("data").as_array().size(), 10u);
    EXPECT_NEAR(MeanOf(j.at("data"), "energy"), target, 0.12) << r.body;
    const auto& context = j.at("meta").at("context").as_object();
    EXPECT_EQ(context.at("applied"), true);
    EXPECT_GE(context.at("tolerance").to_number<double>(), 0.1);
    EXPECT_TRUE(context.at("widened").is_bool());
  }
}

TEST_F(RecsContext, AMoodDrawsFromItsBandsAndTheReasonsSaySo) {
  auto r = Get("/api/recommendations?limit=8&mood=sleep");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto data = r.Json().at("data").as_array();
  ASSERT_FALSE(data.empty());
  for (const auto& c : data) {
    EXPECT_LE(c.at("audioFeatures").at("energy").to_number<double>(), 0.25 + 0.2 + 1e-9) << c;
  }
  EXPECT_LE(MeanOf(r.Json().at("data"), "energy"), 0.25 + 1e-9);
}

TEST_F(RecsContext, SeedGenresDrawThePoolAndAreEchoedInMeta) {
  auto r = Get("/api/recommendations?limit=10&seed_genres=jazz");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto json = r.Json();
  auto ids = TrackIds(json.at("data"));
  ASSERT_FALSE(ids.empty());
  for (const auto& id : ids) EXPECT_EQ(std::stoi(id.substr(3)) % 5, 2) << id;  // genre jazz: i % 5 == 2
  const auto& genres = json.at("meta").at("context").at("genres").as_array();
  ASSERT_EQ(genres.size(), 1u);
  EXPECT_EQ(genres[0].at("exact"), true);
  auto bad = Get("/api/recommendations?seed_genres=a,b,c,d,e,f");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(FieldOf(bad), "seed_genres");
}

TEST_F(RecsContext, ASettingsChangeMakesTheNextGetRecomputeAndReflectIt) {
  auto first = Get("/api/recommendations?limit=10");
  ASSERT_EQ(first.status, 200u) << first.body;
  ASSERT_EQ(Get("/api/recommendations?limit=10").Json().at("meta").at("cached"), true);
  auto patch = Patch("/api/user/settings", R"({"dislikedGenres": ["rock", "pop"], "diversityWeight": 1.0})");
  ASSERT_EQ(patch.status, 200u) << patch.body;
  auto after = Get("/api/recommendations?limit=10");
  ASSERT_EQ(after.status, 200u) << after.body;
  EXPECT_EQ(after.Json().at("meta").at("cached"), false);
  EXPECT_NE(after.Json().at("meta").at("recommendationId"), first.Json().at("meta").at("recommendationId"));
  auto data = after.Json().at("data").as_array();
  ASSERT_FALSE(data.empty());
  std::set<std::string> artists;
  for (const auto& c : data) {
    int i = std::stoi(std::string(c.at("trackId").as_string()).substr(3));
    EXPECT_NE(i % 5, 0) << "rock";
    EXPECT_NE(i % 5, 1) << "pop";
    EXPECT_TRUE(artists.insert(std::string(c.at("artist").as_string())).second) << "one per artist at diversity 1";
  }
}

TEST_F(RecsContext, TheRecommendationStrategySettingIsTheDefaultStrategy) {
  ASSERT_EQ(Patch("/api/user/settings", R"({"recommendationStrategy": "content"})").status, 200u);
  auto r = Get("/api/recommendations?limit=5");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.Json().at("meta").at("strategy"), "content_based");
  auto explicit_hybrid = Get("/api/recommendations?limit=5&strategy=hybrid");
  EXPECT_EQ(explicit_hybrid.Json().at("meta").at("strategy"), "hybrid");
}

TEST_F(RecsContext, ANewUserWithFavouriteGenresGetsThemWithHonestReasons) {
  std::string id;
  std::string token = NewUser("newcomer", &id);
  ASSERT_EQ(Patch("/api/user/settings", R"({"favoriteGenres": ["classical"]})", token).status, 200u);
  auto r = Get("/api/recommendations?limit=10", token);
  ASSERT_EQ(r.status, 200u) << r.body;
  auto data = r.Json().at("data").as_array();
  ASSERT_EQ(data.size(), 10u);
  for (const auto& c : data) {
    EXPECT_EQ(std::stoi(std::string(c.at("trackId").as_string()).substr(3)) % 5, 3) << c;  // classical
    std::string reason(c.at("reason").as_string());
    EXPECT_NE(reason.find("classical"), std::string::npos) << reason;
    EXPECT_EQ(reason.find("your listening"), std::string::npos) << reason;
  }
}

}  // namespace
}  // namespace echotune::e2e
