#include "recs/ease_lowrank.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "recs/ease.h"
#include "recs/model_builder.h"
#include "recs/rec_engine.h"
#include "recs/strategies.h"
#include "recs/test_fixtures.h"

namespace echotune::recs {
namespace {

using testing::PlantedBlocks;

// A user's unplayed items ranked by score.
std::vector<std::uint32_t> Unseen(const CsrMatrix& m, std::uint32_t u, const std::vector<float>& scores) {
  auto known = m.RowIndices(u);
  std::vector<std::uint32_t> out;
  for (std::uint32_t j = 0; j < m.cols(); ++j) {
    if (!std::binary_search(known.begin(), known.end(), j)) out.push_back(j);
  }
  std::stable_sort(out.begin(), out.end(), [&](std::uint32_t a, std::uint32_t b) { return scores[a] > scores[b]; });
  return out;
}

TEST(LowRankEaseTest, AtFullRankItEqualsTheDenseModel) {
  CsrMatrix m = PlantedBlocks(3, 12, 10, 1);  // 30 items
  const float lambda = 5.0f;
  EaseModel dense = EaseModel::Fit(m, {.lambda = lambda, .dropout = 0.0f, .min_support = 1, .max_items = 100,
                                       .threads = 1});
  LowRankEaseModel low = LowRankEaseModel::Fit(
      m, {.lambda = lambda, .rank = 30, .oversample = 0, .power_iterations = 2, .min_support = 1, .seed = 3});
  ASSERT_EQ(low.size(), 30u);
  ASSERT_EQ(low.rank(), 30u);
  for (std::uint32_t u = 0; u < m.rows(); u += 5) {
    std::vector<float> a(m.cols(), 0.0f), b(m.cols(), 0.0f);
    dense.Score(m.RowIndices(u), m.RowValues(u), a);
    low.ScoreAll(low.Project(m.RowIndices(u), m.RowValues(u)), b);
    auto known = m.RowIndices(u);
    for (std::uint32_t j = 0; j < m.cols(); ++j) {
      if (std::binary_search(known.begin(), known.end(), j)) continue;  // B's diagonal differs by design
      EXPECT_NEAR(a[j], b[j], 1e-3f * (1.0f + std::abs(a[j]))) << "user " << u << " item " << j;
      EXPECT_FLOAT_EQ(b[j], low.ScoreOne(low.Project(m.RowIndices(u), m.RowValues(u)), j));
    }
  }
}

TEST(LowRankEaseTest, ALowRankRecoversAPlantedBlockStructure) {
  constexpr std::uint32_t kBlocks = 6, kUsers = 25, kItems = 20;
  CsrMatrix m = PlantedBlocks(kBlocks, kUsers, kItems, 2);
  // Rank 8 of 120 items: enough for 6 blocks, far from the full G.
  LowRankEaseModel low = LowRankEaseModel::Fit(
      m, {.lambda = 20.0f, .rank = 8, .oversample = 8, .power_iterations = 3, .min_support = 2, .seed = 5});
  std::size_t in_block = 0, total = 0;
  for (std::uint32_t u = 0; u < m.rows(); ++u) {
    std::vector<float> scores(m.cols(), 0.0f);
    low.ScoreAll(low.Project(m.RowIndices(u), m.RowValues(u)), scores);
    auto unseen = Unseen(m, u, scores);
    const std::uint32_t block = u / kUsers;
    const auto left = static_cast<std::size_t>(
        std::count_if(unseen.begin(), unseen.end(), [&](std::uint32_t j) { return j / kItems == block; }));
    for (std::size_t r = 0; r < std::min<std::size_t>(3, left); ++r) {
      ++total;
      if (unseen[r] / kItems == block) ++in_block;
    }
  }
  EXPECT_EQ(in_block, total);
}

TEST(LowRankEaseTest, ItemsWithoutSupportAndUnknownIdsAreLeftOut) {
  // Item 3 has one listener: below min_support 2, it neither scores nor counts.
  CsrMatrix m = CsrMatrix::FromTriplets(3, 4, {{0, 0, 1.0f}, {0, 1, 1.0f}, {1, 0, 1.0f}, {1, 1, 1.0f},
                                               {1, 2, 1.0f}, {2, 2, 1.0f}, {2, 3, 1.0f}, {2, 0, 1.0f}});
  LowRankEaseModel low = LowRankEaseModel::Fit(
      m, {.lambda = 1.0f, .rank = 2, .oversample = 1, .power_iterations = 1, .min_support = 2, .seed = 1});
  EXPECT_EQ(low.size(), 3u);
  std::vector<float> scores(4, -7.0f);
  std::vector<std::uint32_t> items{0, 3, 99};
  std::vector<float> weights{1.0f, 4.0f, 2.0f};
  const auto p = low.Project(items, weights);
  std::vector<std::uint32_t> only{0};
  std::vector<float> one{1.0f};
  EXPECT_EQ(p, low.Project(only, one));
  low.ScoreAll(p, scores);
  EXPECT_EQ(scores[3], -7.0f);  // untouched
  EXPECT_EQ(low.ScoreOne(p, 3), 0.0f);
  EXPECT_EQ(low.ScoreOne(p, 99), 0.0f);
  EXPECT_GT(scores[1], 0.0f);  // co-played with item 0 by two users
  EXPECT_TRUE(LowRankEaseModel::Fit(CsrMatrix(0, 0), {}).empty());
}

TEST(LowRankEaseTest, DeterministicForASeed) {
  CsrMatrix m = PlantedBlocks(3, 10, 12, 4);
  LowRankEaseParams p{.lambda = 10.0f, .rank = 6, .oversample = 4, .power_iterations = 2, .min_support = 1, .seed = 9};
  LowRankEaseModel a = LowRankEaseModel::Fit(m, p), b = LowRankEaseModel::Fit(m, p);
  for (std::uint32_t u = 0; u < m.rows(); u += 7) {
    EXPECT_EQ(a.Project(m.RowIndices(u), m.RowValues(u)), b.Project(m.RowIndices(u), m.RowValues(u)));
  }
}

TEST(LowRankEaseEngineTest, StandsInForTheDenseModelBeyondTheItemLimit) {
  ModelConfig config;
  config.embedding.dim = 8;
  config.ials_background = false;
  BuiltModel small = BuildModel(testing::Catalogue(), testing::History(), config);
  EXPECT_FALSE(small.items->ease().empty());
  EXPECT_FALSE(small.items->wants_lowrank_ease());
  EXPECT_EQ(small.items->lowrank_ease(), nullptr);

  config.ease_item_limit = 1;  // every catalogue is "too large" now
  BuiltModel large = BuildModel(testing::Catalogue(), testing::History(), config);
  EXPECT_TRUE(large.items->ease().empty());
  EXPECT_TRUE(large.items->wants_lowrank_ease());
  ASSERT_NE(large.items->lowrank_ease(), nullptr);
  EXPECT_GT(large.items->lowrank_ease()->size(), 0u);

  config.ease_lowrank_enabled = false;
  EXPECT_EQ(BuildModel(testing::Catalogue(), testing::History(), config).items->lowrank_ease(), nullptr);
}

TEST(LowRankEaseEngineTest, FittedInTheBackgroundAndBlendedIntoCollaborative) {
  ModelConfig config;
  config.embedding.dim = 8;
  config.ease_item_limit = 1;
  config.ials_enabled = false;  // the low-rank EASE alone is fitted after the publish
  core::FakeClock clock{core::TimePoint(core::Millis(testing::kNow))};
  RecEngine engine(config, clock);
  engine.Rebuild({testing::Catalogue(), testing::History()});
  auto items = engine.items();
  ASSERT_NE(items, nullptr);
  for (int i = 0; i < 6000 && !items->lowrank_ease(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_NE(items->lowrank_ease(), nullptr);
  auto after = engine.Recommend(testing::Req("me", Strategy::kCollaborative, 5));
  ASSERT_TRUE(after.ok());
  ASSERT_FALSE(after->empty());
  for (const Candidate& c : *after) EXPECT_GT(c.score, 0.0);
  // The same model as one fitted inside the build.
  ModelConfig inline_config = config;
  inline_config.ials_background = false;
  BuiltModel built = BuildModel(testing::Catalogue(), testing::History(), inline_config);
  std::vector<std::uint32_t> ids;
  std::vector<float> weights;
  for (std::uint32_t j = 0; j < items->size() && ids.size() < 3; ++j) ids.push_back(j), weights.push_back(1.0f);
  EXPECT_EQ(built.items->lowrank_ease()->Project(ids, weights), items->lowrank_ease()->Project(ids, weights));
}

}  // namespace
}  // namespace echotune::recs
