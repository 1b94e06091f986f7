#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "recs/eval/evaluator.h"
#include "recs/eval/metrics.h"
#include "recs/eval/split.h"

namespace echotune::recs::eval {
namespace {

std::vector<std::uint32_t> V(std::initializer_list<std::uint32_t> x) { return x; }

TEST(MetricsTest, NdcgMatchesAHandComputedValue) {
  // Hits at ranks 1 and 3 of 3 relevant items, k = 3:
  // DCG = 1 + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3) + 1/2.
  double idcg = 1.0 + 1.0 / std::log2(3.0) + 0.5;
  EXPECT_NEAR(NdcgAtK(V({5, 9, 7}), V({5, 6, 7}), 3), 1.5 / idcg, 1e-12);
  EXPECT_DOUBLE_EQ(NdcgAtK(V({5, 6, 7}), V({5, 6, 7}), 3), 1.0);
  EXPECT_DOUBLE_EQ(NdcgAtK(V({1, 2}), V({5}), 2), 0.0);
  // Fewer relevant items than k: the ideal list has only that many hits.
  EXPECT_NEAR(NdcgAtK(V({1, 5}), V({5}), 10), 1.0 / std::log2(3.0), 1e-12);
}

TEST(MetricsTest, PrecisionAndRecallCountHits) {
  EXPECT_DOUBLE_EQ(PrecisionAtK(V({1, 2, 3, 4}), V({2, 4, 8}), 4), 0.5);
  EXPECT_DOUBLE_EQ(RecallAtK(V({1, 2, 3, 4}), V({2, 4, 8}), 4), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(PrecisionAtK(V({1, 2}), V({2}), 10), 0.1);  // a short list still divides by k
}

TEST(MetricsTest, DiversityIsOneMinusMeanPairwiseCosine) {
  // Items 0 and 1 share their one listener (cosine 1); item 2 shares none.
  CsrMatrix item_users = CsrMatrix::FromTriplets(3, 2, {{0, 0, 1}, {1, 0, 1}, {2, 1, 1}});
  EXPECT_NEAR(IntraListDiversity(V({0, 1, 2}), item_users), 1.0 - 1.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(IntraListDiversity(V({0, 1}), item_users), 0.0);
  EXPECT_DOUBLE_EQ(IntraListDiversity(V({0, 2}), item_users), 1.0);
}

TEST(MetricsTest, AccumulatorAveragesUsersAndMeasuresCoverage) {
  CsrMatrix item_users = CsrMatrix::FromTriplets(4, 1, {{0, 0, 1}, {1, 0, 1}, {2, 0, 1}, {3, 0, 1}});
  MetricsAccumulator acc(4, 2);
  acc.Add(V({0, 1}), V({0}), item_users);  // precision 0.5, recall 1
  acc.Add(V({0, 2}), V({3}), item_users);  // precision 0, recall 0
  acc.Add(V({1, 2}), V({}), item_users);   // no held-out items: skipped
  MetricsSummary s = acc.Finish(10.0);
  EXPECT_DOUBLE_EQ(s.precision, 0.25);
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
  EXPECT_DOUBLE_EQ(s.ndcg, 0.5);
  EXPECT_DOUBLE_EQ(s.coverage, 3.0 / 4.0);  // items 0, 1, 2
  EXPECT_DOUBLE_EQ(s.ms_per_user, 5.0);
}

TEST(SplitTest, HoldsOutTwentyPercentDeterministically) {
  std::vector<Triplet> t;
  for (std::uint32_t u = 0; u < 3; ++u) {
    for (std::uint32_t i = 0; i < 10; ++i) t.push_back({u, i, 1.0f + static_cast<float>(i)});
  }
  t.push_back({3, 0, 1.0f});  // a single interaction stays in training
  CsrMatrix m = CsrMatrix::FromTriplets(4, 10, t);
  Split a = RandomSplit(m, 0.2, 42), b = RandomSplit(m, 0.2, 42), c = RandomSplit(m, 0.2, 43);
  for (std::uint32_t u = 0; u < 3; ++u) {
    EXPECT_EQ(a.test[u].size(), 2u);
    EXPECT_EQ(a.train.RowSize(u), 8u);
    for (std::uint32_t i : a.test[u]) {
      auto row = a.train.RowIndices(u);
      EXPECT_EQ(std::find(row.begin(), row.end(), i), row.end());
    }
  }
  EXPECT_TRUE(a.test[3].empty());
  EXPECT_EQ(a.test, b.test);
  EXPECT_NE(a.test, c.test);
}

TEST(EvaluatorTest, RanksTheObviousItemOnAToySplit) {
  // Users 0–3 play items 0, 1 and 2; user 4 played 0 and 1 and holds out 2.
  std::vector<Triplet> train;
  for (std::uint32_t u = 0; u < 4; ++u) {
    for (std::uint32_t i = 0; i < 3; ++i) train.push_back({u, i, 5.0f});
  }
  for (std::uint32_t u = 5; u < 8; ++u) train.push_back({u, 3, 1.0f}), train.push_back({u, 4, 1.0f});
  train.push_back({4, 0, 5.0f});
  train.push_back({4, 1, 5.0f});
  CsrMatrix m = CsrMatrix::FromTriplets(8, 5, train);
  std::vector<std::vector<std::uint32_t>> test(8);
  test[4] = {2};
  EvalConfig config;
  config.k = 1;
  config.ease.lambda = 1.0f;
  config.semantic.dim = 8;
  CsrMatrix no_tags(5, 0);
  for (const StrategyResult& r : EvaluateSplit(m, test, no_tags, config)) {
    if (r.strategy == "most-popular" || r.strategy == "semantic") continue;
    EXPECT_DOUBLE_EQ(r.metrics.ndcg, 1.0) << r.strategy;
    EXPECT_DOUBLE_EQ(r.metrics.precision, 1.0) << r.strategy;
    EXPECT_DOUBLE_EQ(r.metrics.coverage, 1.0 / 5.0) << r.strategy;
  }
}

}  // namespace
}  // namespace echotune::recs::eval
