#include "recs/ials.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/clock.h"
#include "recs/model_builder.h"
#include "recs/rec_engine.h"
#include "recs/strategies.h"
#include "recs/test_fixtures.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

namespace echotune::recs {
namespace {

using testing::PlantedBlocks;

IalsParams Small() {
  return {.factors = 8, .alpha = 2.0f, .regularization = 0.1f, .iterations = 8, .cg_steps = 3, .seed = 11,
          .threads = 2};
}

TEST(IalsTest, LossDecreasesEveryIteration) {
  CsrMatrix m = PlantedBlocks(4, 20, 15, 1);
  std::vector<double> losses;
  IalsModel::Fit(m, Small(), [&](int, const IalsModel& model) { losses.push_back(model.Loss(m)); });
  ASSERT_EQ(losses.size(), 8u);
  for (std::size_t i = 1; i < losses.size(); ++i) EXPECT_LE(losses[i], losses[i - 1] * (1 + 1e-4)) << i;
  // From the first iteration's loss a good part is still to gain.
  EXPECT_LT(losses.back(), losses.front());
  // The all-zero model's loss is Σ c over observed pairs: training beats it by far.
  double zero = 0;
  for (std::uint32_t u = 0; u < m.rows(); ++u) {
    for (float w : m.RowValues(u)) zero += 1.0 + 2.0 * w;
  }
  EXPECT_LT(losses.back(), 0.5 * zero);
}

TEST(IalsTest, RecoversAPlantedBlockStructure) {
  constexpr std::uint32_t kBlocks = 4, kUsers = 20, kItems = 15;
  CsrMatrix m = PlantedBlocks(kBlocks, kUsers, kItems, 2);
  IalsModel model = IalsModel::Fit(m, Small());
  std::size_t in_block = 0, total = 0;
  std::vector<float> scores(m.cols());
  for (std::uint32_t u = 0; u < m.rows(); ++u) {
    const std::uint32_t block = u / kUsers;
    std::fill(scores.begin(), scores.end(), 0.0f);
    model.Score(m.RowIndices(u), m.RowValues(u), scores);
    auto known = m.RowIndices(u);
    std::vector<std::uint32_t> unseen;
    for (std::uint32_t j = 0; j < m.cols(); ++j) {
      if (!std::binary_search(known.begin(), known.end(), j)) unseen.push_back(j);
    }
    std::sort(unseen.begin(), unseen.end(), [&](std::uint32_t a, std::uint32_t b) { return scores[a] > scores[b]; });
    // The user's block still has ~40 % of its 15 items unplayed: the top
    // unseen ones (up to 3, as many as the block has left) must be among them.
    const auto left = static_cast<std::size_t>(
        std::count_if(unseen.begin(), unseen.end(), [&](std::uint32_t j) { return j / kItems == block; }));
    for (std::size_t r = 0; r < std::min<std::size_t>(3, left); ++r) {
      ++total;
      if (unseen[r] / kItems == block) ++in_block;
    }
  }
  EXPECT_EQ(in_block, total);
}

TEST(IalsTest, DeterministicForASeedWhateverTheThreads) {
  CsrMatrix m = PlantedBlocks(3, 10, 12, 3);
  IalsParams one = Small(), two = Small();
  one.threads = 1;
  two.threads = 2;
  IalsModel a = IalsModel::Fit(m, one), b = IalsModel::Fit(m, two);
  EXPECT_TRUE(a.item_factors() == b.item_factors());
  EXPECT_TRUE(a.user_factors() == b.user_factors());
  IalsParams other = Small();
  other.seed = 12;
  EXPECT_FALSE(IalsModel::Fit(m, other).item_factors() == a.item_factors());
}

TEST(IalsTest, FoldInMatchesTheTrainedUserAndIgnoresUnknownItems) {
  CsrMatrix m = PlantedBlocks(3, 10, 12, 4);
  IalsParams p = Small();
  p.iterations = 30;
  p.cg_steps = 8;
  IalsModel model = IalsModel::Fit(m, p);
  // After many iterations the fold-in solve agrees with the trained user factors.
  Eigen::VectorXf x = model.UserVector(m.RowIndices(0), m.RowValues(0));
  EXPECT_LT((x - model.user_factors().col(0)).norm(), 0.05f * (1.0f + x.norm()));
  EXPECT_EQ(model.UserVector({}, {}).norm(), 0.0f);
  std::vector<std::uint32_t> items{1, 999};  // 999 is outside the model
  std::vector<float> weights{1.0f, 5.0f};
  std::vector<std::uint32_t> only{1};
  std::vector<float> only_w{1.0f};
  EXPECT_TRUE(model.UserVector(items, weights) == model.UserVector(only, only_w));
  IalsModel empty = IalsModel::Fit(CsrMatrix(0, 0), p);
  EXPECT_TRUE(empty.empty());
  std::vector<float> none;
  empty.Score(items, weights, none);  // nothing to score, no crash
}

TEST(IalsEngineTest, FittedInsideTheBuildWhenNotInTheBackground) {
  ModelConfig config;
  config.embedding.dim = 8;
  config.ials_background = false;
  BuiltModel built = BuildModel(testing::Catalogue(), testing::History(), config);
  ASSERT_NE(built.items->ials(), nullptr);
  EXPECT_EQ(built.items->ials()->items(), built.items->size());
  EXPECT_EQ(built.user_item.nnz(), 0u);  // nothing kept for a later fit
  config.ials_enabled = false;
  EXPECT_EQ(BuildModel(testing::Catalogue(), testing::History(), config).items->ials(), nullptr);
}

TEST(IalsEngineTest, TrainedInTheBackgroundAfterThePublishAndThenBlended) {
  ModelConfig config;
  config.embedding.dim = 8;
  core::FakeClock clock{core::TimePoint(core::Millis(testing::kNow))};
  RecEngine engine(config, clock);
  engine.Rebuild({testing::Catalogue(), testing::History()});
  // Published at once; the factors follow (generous wait: the fit takes milliseconds here).
  auto items = engine.items();
  ASSERT_NE(items, nullptr);
  for (int i = 0; i < 6000 && !items->ials(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_NE(items->ials(), nullptr);
  auto recs = engine.Recommend(testing::Req("me", Strategy::kCollaborative, 5));
  ASSERT_TRUE(recs.ok());
  EXPECT_FALSE(recs->empty());
  for (const Candidate& c : *recs) EXPECT_GT(c.score, 0.0);
  // The same answer as the model fitted inside the build (same seed and data).
  ModelConfig inline_config = config;
  inline_config.ials_background = false;
  BuiltModel built = BuildModel(testing::Catalogue(), testing::History(), inline_config);
  EXPECT_TRUE(built.items->ials()->item_factors() == items->ials()->item_factors());
}

TEST(IalsEngineTest, AnEngineDestroyedDuringTheFitEndsCleanly) {
  ModelConfig config;
  config.embedding.dim = 8;
  config.ials.iterations = 100;
  core::FakeClock clock{core::TimePoint(core::Millis(testing::kNow))};
  std::shared_ptr<const ItemModel> items;
  {
    RecEngine engine(config, clock);
    engine.Rebuild({testing::Catalogue(), testing::History()});
    items = engine.items();
  }  // asks the trainer to stop and joins it
  ASSERT_NE(items, nullptr);  // the snapshot outlives the engine; factors or not, it stays usable
}

}  // namespace
}  // namespace echotune::recs
