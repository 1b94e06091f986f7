#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>

#include "recs/csr_matrix.h"
#include "recs/ease.h"
#include "recs/embeddings.h"
#include "recs/item_similarity.h"

namespace echotune::recs {
namespace {

// Users 0–2 play items 0 and 1; user 3 plays items 1 and 2; user 4 plays item 3 alone.
CsrMatrix Toy() {
  return CsrMatrix::FromTriplets(5, 4, {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}, {2, 0, 1}, {2, 1, 1},
                                       {3, 1, 1}, {3, 2, 1}, {4, 3, 1}});
}

TEST(CsrMatrixTest, SumsDuplicatesAndTransposes) {
  CsrMatrix m = CsrMatrix::FromTriplets(2, 3, {{1, 2, 1.0f}, {0, 1, 2.0f}, {1, 2, 3.0f}});
  EXPECT_EQ(m.nnz(), 2u);
  EXPECT_FLOAT_EQ(m.RowValues(1)[0], 4.0f);
  CsrMatrix t = m.Transposed();
  EXPECT_EQ(t.rows(), 3u);
  EXPECT_EQ(t.RowIndices(2)[0], 1u);
  EXPECT_FLOAT_EQ(t.RowValues(1)[0], 2.0f);
}

TEST(ItemKnnTest, ShrunkCosineMatchesHandComputedValues) {
  CsrMatrix g = ItemKnn(Toy(), {.neighbours = 10, .shrink = 1.0f, .threads = 2});
  // cos(0, 1) = 3 / (sqrt(3)·sqrt(4) + 1); cos(1, 2) = 1 / (sqrt(4)·1 + 1).
  EXPECT_NEAR(GraphWeight(g, 0, 1), 3.0 / (std::sqrt(12.0) + 1.0), 1e-6);
  EXPECT_NEAR(GraphWeight(g, 1, 2), 1.0 / 3.0, 1e-6);
  EXPECT_EQ(GraphWeight(g, 0, 2), 0.0f);  // never co-played
  EXPECT_EQ(g.RowSize(3), 0u);            // no neighbours at all
  EXPECT_EQ(GraphWeight(g, 0, 0), 0.0f);  // never its own neighbour
}

TEST(ItemKnnTest, KeepsOnlyTheTopNeighbours) {
  CsrMatrix g = ItemKnn(Toy(), {.neighbours = 1, .shrink = 0.0f, .threads = 1});
  ASSERT_EQ(g.RowSize(1), 1u);
  EXPECT_EQ(g.RowIndices(1)[0], 0u);  // 3 co-plays beat 1
}

TEST(Rp3betaTest, WalksTwoStepsAndDampsPopularity) {
  CsrMatrix g = Rp3beta(Toy(), {.neighbours = 10, .alpha = 1.0f, .beta = 0.0f, .threads = 2});
  // From item 2: its only user 3 goes to items 1 and 2 with 1/2 each, so W(2,1) is the row max.
  EXPECT_FLOAT_EQ(GraphWeight(g, 2, 1), 1.0f);
  // From item 0 (users 0–2, each splitting between items 0 and 1): only item 1.
  EXPECT_FLOAT_EQ(GraphWeight(g, 0, 1), 1.0f);
  EXPECT_EQ(GraphWeight(g, 0, 2), 0.0f);
  CsrMatrix damped = Rp3beta(Toy(), {.neighbours = 10, .alpha = 1.0f, .beta = 1.0f, .threads = 1});
  // From item 1: W(1,0) = 3·¼·½ = 3/8 and W(1,2) = 1/8 undamped; dividing by
  // popularity (3 and 1 listeners) makes them equal.
  EXPECT_FLOAT_EQ(GraphWeight(g, 1, 2) * 3.0f, GraphWeight(g, 1, 0));
  EXPECT_FLOAT_EQ(GraphWeight(damped, 1, 2), GraphWeight(damped, 1, 0));
}

TEST(Rp3betaTest, ScatterAddsWeightedNeighbourRows) {
  CsrMatrix g = Rp3beta(Toy(), {.neighbours = 10, .alpha = 1.0f, .beta = 0.0f, .threads = 1});
  std::vector<float> scores(4, 0.0f);
  std::vector<std::uint32_t> items{0};
  std::vector<float> weights{2.0f};
  ScatterNeighbours(g, items, weights, scores);
  EXPECT_FLOAT_EQ(scores[1], 2.0f);
  EXPECT_FLOAT_EQ(scores[2], 0.0f);
}

TEST(EaseTest, RecommendsTheCoPlayedItemAndHasAZeroDiagonal) {
  EaseModel m = EaseModel::Fit(Toy(), {.lambda = 0.5f, .dropout = 0.0f, .min_support = 1, .max_items = 10, .threads = 2});
  EXPECT_EQ(m.size(), 4u);
  std::vector<float> scores(4, 0.0f);
  std::vector<std::uint32_t> items{0};
  std::vector<float> weights{1.0f};
  m.Score(items, weights, scores);
  EXPECT_EQ(scores[0], 0.0f);  // zero diagonal: an item never predicts itself
  EXPECT_GT(scores[1], 0.1f);
  EXPECT_GT(scores[1], scores[2]);
  EXPECT_GT(scores[1], scores[3]);
}

// The blocked inverse against Eigen's dense one, on more items than one
// column block so the block structure is exercised.
TEST(EaseTest, MatchesADenseInverseOracle) {
  constexpr std::uint32_t kUsers = 80, kItems = 300;
  std::vector<Triplet> t;
  for (std::uint32_t u = 0; u < kUsers; ++u) {
    for (std::uint32_t j = 0; j < kItems; ++j) {
      if ((u * 7 + j * 13) % 5 == 0 || (u + j) % 11 == 0) t.push_back({u, j, 1.0f + static_cast<float>((u + j) % 3)});
    }
  }
  CsrMatrix x = CsrMatrix::FromTriplets(kUsers, kItems, t);
  const float lambda = 4.0f;
  EaseModel m = EaseModel::Fit(x, {.lambda = lambda, .dropout = 0.0f, .min_support = 1, .max_items = kItems, .threads = 2});
  ASSERT_EQ(m.size(), kItems);
  Eigen::MatrixXd g = Eigen::MatrixXd::Zero(kItems, kItems);
  for (const Triplet& a : t) {
    for (const Triplet& b : t) {
      if (a.row == b.row) g(a.col, b.col) += double{a.value} * b.value;
    }
  }
  g.diagonal().array() += lambda;
  Eigen::MatrixXd p = g.inverse();
  std::vector<std::uint32_t> items{3, 17, 150, 299};
  std::vector<float> weights{1.0f, 0.5f, 2.0f, 1.0f};
  std::vector<float> scores(kItems, 0.0f);
  m.Score(items, weights, scores);
  for (std::uint32_t j = 0; j < kItems; ++j) {
    double expected = 0;
    for (std::size_t a = 0; a < items.size(); ++a) {
      if (items[a] != j) expected += weights[a] * -p(items[a], j) / p(j, j);
    }
    EXPECT_NEAR(scores[j], expected, 1e-3 * (1.0 + std::abs(expected))) << j;
  }
}

TEST(EaseTest, LeavesOutItemsBelowMinimumSupport) {
  EaseModel m = EaseModel::Fit(Toy(), {.lambda = 0.5f, .dropout = 0.0f, .min_support = 2, .max_items = 10, .threads = 1});
  EXPECT_EQ(m.size(), 2u);  // items 0 and 1
}

TEST(EmbeddingsTest, CoPlayedItemsAreCloserThanStrangers) {
  CsrMatrix tags(4, 0);
  Embeddings e = LearnEmbeddings(Toy(), tags, {.dim = 8, .oversample = 4, .power_iterations = 2, .tag_weight = 1.0f, .seed = 3});
  ASSERT_EQ(e.dim, 8u);
  auto dot = [&](std::uint32_t a, std::uint32_t b) {
    float s = 0;
    for (std::uint32_t d = 0; d < e.dim; ++d) s += e.Item(a)[d] * e.Item(b)[d];
    return s;
  };
  EXPECT_GT(dot(0, 1), dot(0, 3));
  std::vector<float> scores(4);
  SimilarityScan(e, e.Item(0), scores);
  EXPECT_NEAR(scores[0], 1.0f, 1e-5);
  EXPECT_NEAR(scores[1], dot(0, 1), 1e-5);
  // Scanning a pool gives the same scores to its items and leaves the rest.
  std::vector<float> pooled(4, -7.0f);
  const std::vector<std::uint32_t> pool = {1, 3};
  SimilarityScan(e, e.Item(0), pool, pooled);
  EXPECT_NEAR(pooled[1], scores[1], 1e-5);
  EXPECT_NEAR(pooled[3], scores[3], 1e-5);
  EXPECT_EQ(pooled[0], -7.0f);
}

}  // namespace
}  // namespace echotune::recs
