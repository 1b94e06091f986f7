// Context (issue 17): mood, targets, seed genres and the listener's settings
// draw the pool and shape the ranking, on the hand-made catalogue of
// test_fixtures.h. The demo-data checks are in src/api/recs_context_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/clock.h"
#include "recs/context_filter.h"
#include "recs/rec_engine.h"
#include "recs/test_fixtures.h"

namespace echotune::recs {
namespace {

using testing::Catalogue;
using testing::History;
using testing::kNow;
using testing::Listen;
using testing::MakeTrack;
using testing::Req;

class ContextTest : public ::testing::Test {
 protected:
  ContextTest() : clock_(core::TimePoint(core::Millis(kNow))), engine_(Config(), clock_) {
    std::vector<Track> catalogue = Catalogue();
    Track x = MakeTrack("x1", "Loud", {"rap"}, 0.5f, 0.5f, 0.2f, 100, 99);
    x.is_explicit = true;
    catalogue.push_back(x);
    std::vector<Interaction> history = History();
    history.push_back(Listen("ghost", "not-in-catalogue"));
    history.push_back(Listen("ghost2", "not-in-catalogue"));
    engine_.Rebuild({catalogue, history});
  }
  static ModelConfig Config() {
    ModelConfig c;
    c.embedding.dim = 8;
    return c;
  }
  Recommendations Run(const RecRequest& r) {
    auto out = engine_.RecommendWithReport(r);
    EXPECT_TRUE(out.ok());
    return out.ok() ? std::move(*out) : Recommendations{};
  }
  const ItemModel& items() { return *engine_.items(); }
  float Energy(const Candidate& c) { return c.audio_features.Get(FeatureId::kEnergy); }
  static bool Has(const Recommendations& r, const std::string& id) {
    return std::any_of(r.candidates.begin(), r.candidates.end(), [&](const Candidate& c) { return c.track_id == id; });
  }
  core::FakeClock clock_;
  RecEngine engine_;
};

// calm1 plays c1–c3: with include_known, the fitting tracks are also personal.
TEST_F(ContextTest, ATargetDrawsEveryResultFromWithinTheTolerance) {
  RecRequest r = Req("calm1", Strategy::kHybrid, 3);
  r.include_known = true;
  r.targets = {{FeatureId::kEnergy, 0.14f}};
  Recommendations out = Run(r);
  ASSERT_EQ(out.candidates.size(), 3u);
  for (const Candidate& c : out.candidates) EXPECT_NEAR(Energy(c), 0.14f, 0.1001f) << c.track_id;
  EXPECT_TRUE(out.context.applied);
  EXPECT_FALSE(out.context.widened);
  EXPECT_FLOAT_EQ(out.context.tolerance, 0.1f);
  EXPECT_EQ(out.context.fitting, 3u);  // c1 c2 c3 (c4 is at 0.25)
}

// A rock listener asking for calm: none of the fitting tracks is linked to
// their taste, so the pool widens once (and says so) — never beyond the
// reported tolerance.
TEST_F(ContextTest, TooFewPersonalTracksWidenOnceWithinTheReportedTolerance) {
  RecRequest r = Req("me", Strategy::kHybrid, 3);
  r.targets = {{FeatureId::kEnergy, 0.14f}};
  Recommendations out = Run(r);
  ASSERT_EQ(out.candidates.size(), 3u);
  EXPECT_TRUE(out.context.widened);
  EXPECT_FLOAT_EQ(out.context.tolerance, 0.15f);
  for (const Candidate& c : out.candidates) EXPECT_NEAR(Energy(c), 0.14f, 0.1501f) << c.track_id;
}

TEST_F(ContextTest, TooFewFittingTracksWidenTheToleranceAndSaySo) {
  RecRequest r = Req("me", Strategy::kHybrid, 2);
  r.targets = {{FeatureId::kEnergy, 0.5f}};  // only x1 (explicit, allowed here) is within ±0.1
  Recommendations out = Run(r);
  ASSERT_EQ(out.candidates.size(), 2u);
  EXPECT_TRUE(out.context.widened);
  EXPECT_GT(out.context.tolerance, 0.1f);
  for (const Candidate& c : out.candidates) EXPECT_NEAR(Energy(c), 0.5f, out.context.tolerance + 1e-4f);
}

TEST_F(ContextTest, AMoodKeepsResultsInsideItsBandsForEveryStrategy) {
  for (Strategy s : {Strategy::kHybrid, Strategy::kCollaborative, Strategy::kSemantic, Strategy::kPopular}) {
    RecRequest r = Req("calm1", s, 3, "chill");
    r.include_known = true;
    Recommendations out = Run(r);
    ASSERT_FALSE(out.candidates.empty()) << StrategyName(s);
    for (const Candidate& c : out.candidates) {
      EXPECT_EQ(c.track_id[0], 'c') << StrategyName(s) << " gave " << c.track_id;
    }
  }
}

TEST_F(ContextTest, ContextReasonsSayWhatFitsAndWhyItIsYours) {
  RecRequest r = Req("calm1", Strategy::kHybrid, 3, "chill");
  r.include_known = true;
  Recommendations out = Run(r);
  ASSERT_FALSE(out.candidates.empty());
  bool named_artist = false;
  for (const Candidate& c : out.candidates) {
    EXPECT_TRUE(c.reason.rfind("Calm", 0) == 0 || c.reason.rfind("Fits a chill mood", 0) == 0) << c.reason;
    named_artist = named_artist || c.reason.find("like the Quiet you play") != std::string::npos ||
                   c.reason.find("like the Hush you play") != std::string::npos;
  }
  EXPECT_TRUE(named_artist);
}

TEST_F(ContextTest, DislikedGenresAndExplicitTracksNeverAppear) {
  RecRequest r = Req("me", Strategy::kHybrid, 20);
  r.settings.disliked_genres = {"Pop"};
  r.settings.allow_explicit = false;
  r.include_known = true;
  Recommendations out = Run(r);
  ASSERT_FALSE(out.candidates.empty());
  for (const Candidate& c : out.candidates) {
    EXPECT_NE(c.track_id[0], 'p') << c.track_id;
    EXPECT_NE(c.track_id, "x1");
  }
  r.settings.allow_explicit = true;
  EXPECT_TRUE(Has(Run(r), "x1"));
}

TEST_F(ContextTest, FavouriteGenresDrawAColdStartListenersPoolAndNameIt) {
  RecRequest r = Req("newcomer", Strategy::kHybrid, 2);
  r.settings.favorite_genres = {"folk"};
  Recommendations out = Run(r);
  ASSERT_EQ(out.candidates.size(), 2u);  // c3, c4: the folk tracks
  EXPECT_FALSE(out.context.genres_relaxed);
  for (const Candidate& c : out.candidates) {
    EXPECT_TRUE(c.track_id == "c3" || c.track_id == "c4") << c.track_id;
    EXPECT_NE(c.reason.find("favourite"), std::string::npos) << c.reason;
  }
}

TEST_F(ContextTest, TooFewTracksInTheFavouriteGenresFillsFromOthersAndSaysSo) {
  RecRequest r = Req("newcomer", Strategy::kHybrid, 5);
  r.settings.favorite_genres = {"folk"};
  Recommendations out = Run(r);
  EXPECT_EQ(out.candidates.size(), 5u);
  EXPECT_TRUE(out.context.genres_relaxed);
  ASSERT_EQ(out.candidates.size(), 5u);
  EXPECT_TRUE(out.candidates[0].track_id == "c3" || out.candidates[0].track_id == "c4");
  EXPECT_TRUE(out.candidates[1].track_id == "c3" || out.candidates[1].track_id == "c4");
}

TEST_F(ContextTest, AnUnknownGenreMatchesTheClosestCatalogueGenresAndReportsThem) {
  RecRequest r = Req("newcomer", Strategy::kHybrid, 3);
  r.settings.favorite_genres = {"hard rock"};
  Recommendations out = Run(r);
  ASSERT_EQ(out.context.genres.size(), 1u);
  EXPECT_FALSE(out.context.genres[0].exact);
  EXPECT_EQ(out.context.genres[0].matched, std::vector<std::string>{"rock"});
  for (const Candidate& c : out.candidates) EXPECT_EQ(c.track_id[0], 'r') << c.track_id;
}

TEST_F(ContextTest, SeedGenresDrawThePoolForListenersWithHistoryToo) {
  RecRequest r = Req("me", Strategy::kHybrid, 3);
  r.seed_genres = {"ambient"};
  Recommendations out = Run(r);
  ASSERT_FALSE(out.candidates.empty());
  for (const Candidate& c : out.candidates) EXPECT_EQ(c.track_id[0], 'c') << c.track_id;
  EXPECT_TRUE(out.context.genres.at(0).exact);
}

TEST_F(ContextTest, AHistoryOutsideTheCatalogueIsNeverCalledYourListening) {
  RecRequest r = Req("ghost", Strategy::kHybrid, 5);
  for (const Candidate& c : Run(r).candidates) {
    EXPECT_EQ(c.reason.find("your listening"), std::string::npos) << c.reason;
    EXPECT_EQ(c.reason.find("you listen to"), std::string::npos) << c.reason;
  }
}

TEST_F(ContextTest, DiversityWeightSetsThePerArtistCap) {
  RecRequest r = Req("calm1", Strategy::kHybrid, 10);
  r.include_known = true;
  r.settings.diversity_weight = 1.0f;
  std::map<std::string, int> per_artist;
  for (const Candidate& c : Run(r).candidates) EXPECT_EQ(++per_artist[c.artist], 1) << c.artist;
}

TEST_F(ContextTest, PlaylistsFillUpWithTheBestOfTheRestAfterTheTracksThatFit) {
  RecRequest r = Req("calm1", Strategy::kHybrid, 6, "sleep");
  r.include_known = true;
  Recommendations plain = Run(r);
  EXPECT_LT(plain.candidates.size(), 6u);
  EXPECT_FALSE(plain.context.filled);
  r.fill_to_limit = true;
  Recommendations filled = Run(r);
  ASSERT_EQ(filled.candidates.size(), 6u);
  EXPECT_TRUE(filled.context.filled);
  for (std::size_t k = 0; k < plain.candidates.size(); ++k) {
    EXPECT_EQ(filled.candidates[k].track_id, plain.candidates[k].track_id);
  }
}

TEST(ContextFilterTest, WideningGrowsEveryBandAndTheTempoBand) {
  std::vector<Track> catalogue = Catalogue();
  ModelConfig config;
  config.embedding.dim = 8;
  RecEngine engine(config, core::SystemClock::Instance());
  engine.Rebuild({catalogue, History()});
  RecRequest r = Req("me", Strategy::kHybrid, 3, "chill");
  ContextFilter filter(*engine.items(), r, true);
  EXPECT_TRUE(filter.banded());
  std::size_t last = 0;
  for (int step = 0; step < ContextFilter::kSteps; ++step) {
    auto mask = filter.Fit(step, true);
    EXPECT_GE(mask->count, last);
    last = mask->count;
  }
  EXPECT_EQ(filter.Fit(0, true)->count, 4u);  // c1–c4: energy 0.10–0.25, valence 0.35–0.55, 70–90 BPM
  // An equal context asked for again shares the snapshot's cached mask; a
  // different one is scanned afresh.
  EXPECT_EQ(ContextFilter(*engine.items(), r, true).Fit(0, true), filter.Fit(0, true));
  RecRequest other = r;
  other.targets = {{FeatureId::kEnergy, 0.2f}};
  EXPECT_NE(ContextFilter(*engine.items(), other, true).Fit(0, true), filter.Fit(0, true));
}

}  // namespace
}  // namespace echotune::recs
