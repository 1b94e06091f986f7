#include "recs/top_k.h"

#include <gtest/gtest.h>

#include <random>

namespace echotune::recs {
namespace {

// The brute-force oracle: every eligible entry, sorted, cut to k.
std::vector<Scored> Oracle(const std::vector<std::uint32_t>& ids, const std::vector<float>& scores,
                           std::size_t k, std::uint32_t skipped) {
  std::vector<Scored> all;
  for (std::uint32_t i : ids) {
    if (scores[i] > 0.0f && i != skipped) all.push_back({i, scores[i]});
  }
  std::sort(all.begin(), all.end(), RankOrder{});
  if (all.size() > k) all.resize(k);
  return all;
}

void ExpectSame(const std::vector<Scored>& got, const std::vector<Scored>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t r = 0; r < got.size(); ++r) {
    EXPECT_EQ(got[r].id, want[r].id) << "rank " << r;
    EXPECT_EQ(got[r].score, want[r].score) << "rank " << r;
  }
}

// Large enough that both selections estimate a threshold from a sample;
// ties and zeros included, so the order's tie-break and the floor count.
class TopKTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> level(0, 400);
    for (std::uint32_t i = 0; i < 60000; ++i) {
      scores_.push_back(static_cast<float>(level(rng)) / 400.0f);
      all_.push_back(i);
      if (i % 3 == 0) pool_.push_back(i);
    }
  }
  std::vector<float> scores_;
  std::vector<std::uint32_t> all_, pool_;
};

TEST_F(TopKTest, TheDenseSelectionMatchesTheOracle) {
  for (std::size_t k : {1u, 20u, 200u}) {
    auto got = TopKDense(scores_, k, [](std::uint32_t i) { return i == 5; });
    ExpectSame(got, Oracle(all_, scores_, k, 5));
  }
}

TEST_F(TopKTest, TheListedSelectionReadsOnlyThePoolAndMatchesTheOracle) {
  for (std::size_t k : {1u, 20u, 200u}) {
    auto got = TopKListed(pool_, scores_, k, [](std::uint32_t i) { return i == 3; });
    ExpectSame(got, Oracle(pool_, scores_, k, 3));
    for (const Scored& s : got) EXPECT_EQ(s.id % 3, 0u);
  }
}

TEST_F(TopKTest, WhenFewerThanKReachTheSampledThresholdEveryEligibleEntryCounts) {
  std::vector<float> sparse(60000, 0.0f);
  for (std::uint32_t i = 0; i < 60000; i += 997) sparse[i] = 0.5f;  // 61 non-zero, asked for 200
  auto got = TopKListed(all_, sparse, 200, [](std::uint32_t) { return false; });
  ExpectSame(got, Oracle(all_, sparse, 200, ~0u));
}

}  // namespace
}  // namespace echotune::recs
