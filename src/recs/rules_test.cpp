#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/clock.h"
#include "recs/candidates.h"
#include "recs/model_builder.h"
#include "recs/rec_engine.h"
#include "recs/test_fixtures.h"

namespace echotune::recs {
namespace {

using testing::Catalogue;
using testing::FeedbackEvent;
using testing::History;
using testing::kNow;
using testing::Listen;
using testing::Req;

constexpr Strategy kAll[] = {Strategy::kCollaborative, Strategy::kContent, Strategy::kSemantic, Strategy::kMood,
                             Strategy::kHybrid, Strategy::kPopular};

class RulesTest : public ::testing::Test {
 protected:
  RulesTest() : clock_(core::TimePoint(core::Millis(kNow))), engine_(Config(), clock_) {
    engine_.Rebuild({Catalogue(), History()});
  }
  static ModelConfig Config() {
    ModelConfig c;
    c.embedding.dim = 8;
    return c;
  }
  std::vector<std::string> Ids(RecRequest r) {
    auto out = engine_.Recommend(r);
    EXPECT_TRUE(out.ok());
    std::vector<std::string> ids;
    for (const auto& c : *out) ids.push_back(c.track_id);
    return ids;
  }
  static bool Has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }
  core::FakeClock clock_;
  RecEngine engine_;
};

TEST_F(RulesTest, NeverRecommendsADislikedTrack) {
  engine_.Record(FeedbackEvent("me", "r3", Feedback::kDislike));
  for (Strategy s : kAll) {
    RecRequest r = Req("me", s, 20, "energetic");
    r.include_known = true;
    auto ids = Ids(r);
    EXPECT_FALSE(Has(ids, "r3")) << StrategyName(s);
  }
}

TEST_F(RulesTest, NeverRepeatsATrackServedInTheLast24Hours) {
  RecRequest r = Req("me", Strategy::kHybrid, 20);
  r.recently_served = {"r3", "p1"};
  for (Strategy s : kAll) {
    r.strategy = s;
    r.mood = "happy";
    auto ids = Ids(r);
    EXPECT_FALSE(Has(ids, "r3")) << StrategyName(s);
    EXPECT_FALSE(Has(ids, "p1")) << StrategyName(s);
  }
}

TEST_F(RulesTest, KnownTracksAreExcludedUnlessAsked) {
  for (Strategy s : kAll) {
    auto ids = Ids(Req("me", s, 20, "energetic"));
    EXPECT_FALSE(Has(ids, "r1")) << StrategyName(s);
    EXPECT_FALSE(Has(ids, "r2")) << StrategyName(s);
  }
  RecRequest known = Req("me", Strategy::kContent, 20);
  known.include_known = true;
  auto with_known = Ids(known);
  EXPECT_TRUE(Has(with_known, "r1"));
}

TEST_F(RulesTest, ColdStartGetsPopularTracksInPreferredGenres) {
  auto ids = Ids(Req("stranger", Strategy::kHybrid, 3));
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_TRUE(Has(ids, "p1"));  // the most popular track overall
  // A cold-start user who named a genre gets that genre's popular tracks first.
  RecRequest r = Req("stranger", Strategy::kCollaborative, 2);
  r.query = "folk";
  auto out = engine_.Recommend(r);
  ASSERT_TRUE(out.ok());
  ASSERT_FALSE(out->empty());
  EXPECT_EQ((*out)[0].strategy, "popular");
  EXPECT_TRUE((*out)[0].track_id == "c3" || (*out)[0].track_id == "c4");
  EXPECT_NE((*out)[0].reason.find("folk"), std::string::npos);
}

TEST_F(RulesTest, EveryFifthListenFiresTheRefreshHook) {
  std::vector<std::string> fired;
  engine_.SetRefreshHook([&](const std::string& u) { fired.push_back(u); });
  for (int i = 0; i < 4; ++i) engine_.Record(Listen("me", "c1"));
  engine_.Record(FeedbackEvent("me", "c1", Feedback::kLike));  // feedback is not a listen
  EXPECT_TRUE(fired.empty());
  engine_.Record(Listen("me", "c2"));
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0], "me");
  for (int i = 0; i < 5; ++i) engine_.Record(Listen("other", "c2"));
  EXPECT_EQ(fired.size(), 2u);
}

TEST_F(RulesTest, LimitIsValidated) {
  auto out = engine_.Recommend(Req("me", Strategy::kHybrid, 0));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, core::ErrorCode::kValidationError);
}

TEST_F(RulesTest, AnswersEmptyBeforeTheFirstBuildAndSwapsInAsync) {
  RecEngine fresh(Config(), clock_);
  auto before = fresh.Recommend(Req("me", Strategy::kHybrid, 5));
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->empty());
  fresh.RebuildAsync([] { return EngineInputs{Catalogue(), History()}; }).wait();
  EXPECT_TRUE(fresh.ready());
  EXPECT_FALSE(fresh.Recommend(Req("me", Strategy::kHybrid, 5))->empty());
}

TEST(ImplicitWeightTest, PlaysRepeatsSkipsAndLikesMoveTheWeight) {
  ImplicitWeightConfig c;
  ItemStats base;
  base.plays = 2;
  ItemStats repeated = base, skipped = base, liked = base, disliked = base;
  repeated.repeats = 2;
  skipped.skips = 2;
  liked.feedback = Feedback::kLike;
  disliked.feedback = Feedback::kDislike;
  EXPECT_FLOAT_EQ(ImplicitWeight(base, c), std::log1p(2.0f));
  EXPECT_GT(ImplicitWeight(repeated, c), ImplicitWeight(base, c));
  EXPECT_LT(ImplicitWeight(skipped, c), ImplicitWeight(base, c));
  EXPECT_GT(ImplicitWeight(liked, c), ImplicitWeight(base, c));
  EXPECT_EQ(ImplicitWeight(disliked, c), 0.0f);
}

}  // namespace
}  // namespace echotune::recs

namespace echotune::recs {
namespace {

TEST(EmptyCatalogue, EngineBuildsAndAnswersWithNothingForEveryStrategy) {
  core::FakeClock clock(core::TimePoint(core::Millis(testing::kNow)));
  RecEngine engine(ModelConfig(), clock);
  engine.Rebuild({});
  for (Strategy s : {Strategy::kCollaborative, Strategy::kContent, Strategy::kSemantic,
                     Strategy::kMood, Strategy::kHybrid, Strategy::kPopular}) {
    auto out = engine.Recommend(testing::Req("u1", s, 10));
    if (out.ok()) {
      EXPECT_TRUE(out->empty());
    }
  }
}

}  // namespace
}  // namespace echotune::recs
