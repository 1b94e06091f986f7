#include "recs/eval/blend_learner.h"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "recs/eval/evaluator.h"
#include "recs/eval/lastfm_dataset.h"

namespace echotune::recs::eval {
namespace {

// A part whose scores are a fixed function of (user, item).
class FixedScorer final : public Scorer {
 public:
  explicit FixedScorer(std::function<float(std::uint32_t, std::uint32_t)> f) : f_(std::move(f)) {}
  void Fit(const FoldData&) override {}
  void Score(std::uint32_t user, std::span<float> scores) const override {
    for (std::uint32_t j = 0; j < scores.size(); ++j) scores[j] = f_(user, j);
  }

 private:
  std::function<float(std::uint32_t, std::uint32_t)> f_;
};

constexpr std::uint32_t kUsers = 40, kItems = 60;

// User u played item u % 10 (and, for the heavy half, five more); item
// 20 + u % 20 is the one held out.
struct Toy {
  CsrMatrix train;
  std::vector<std::vector<std::uint32_t>> test;
};
Toy MakeToy() {
  std::vector<Triplet> t;
  Toy toy;
  toy.test.resize(kUsers);
  for (std::uint32_t u = 0; u < kUsers; ++u) {
    t.push_back({u, u % 10, 1.0f});
    if (u >= kUsers / 2) {
      for (std::uint32_t k = 1; k <= 5; ++k) t.push_back({u, 10 + (u + k) % 10, 1.0f});
    }
    toy.test[u] = {20 + u % 20};
  }
  toy.train = CsrMatrix::FromTriplets(kUsers, kItems, std::move(t));
  return toy;
}

bool Relevant(std::uint32_t u, std::uint32_t j) { return j == 20 + u % 20; }

TEST(BlendLearnerTest, MovesWeightToThePartThatFindsTheHeldOutItems) {
  Toy toy = MakeToy();
  // "good" puts the held-out item first at 0.6; "loud" puts a wrong item at 1.
  FixedScorer good([](std::uint32_t u, std::uint32_t j) { return Relevant(u, j) ? 0.6f : 0.3f + 0.001f * j; });
  FixedScorer loud([](std::uint32_t u, std::uint32_t j) { return j == 40 + u % 20 ? 1.0f : 0.01f; });
  LearnedBlend learned = LearnBlend({{&good, 0.1f}, {&loud, 1.0f}}, toy.train, toy.test);
  EXPECT_LT(learned.ndcg_start, 0.7);
  EXPECT_DOUBLE_EQ(learned.ndcg_learned, 1.0);
  EXPECT_FLOAT_EQ(learned.weights[0], 1.0f);  // the largest weight is scaled to 1
  EXPECT_LT(learned.weights[1], 0.5f);
  EXPECT_EQ(learned.tilts, (std::vector<float>{0.0f, 0.0f}));
}

TEST(BlendLearnerTest, TiltsGiveLightAndHeavyListenersTheirOwnBestPart) {
  Toy toy = MakeToy();
  // "heavy" finds the held-out item of users with long rows only, "light" of
  // the others; each puts a wrong item first for the rest, and that wrong
  // item scores a little above the rest in the other part too, so no single
  // pair of weights ranks every user's held-out item first.
  FixedScorer heavy([](std::uint32_t u, std::uint32_t j) {
    if (u >= kUsers / 2) return Relevant(u, j) ? 1.0f : j == 58 ? 0.15f : 0.1f;
    return j == 59 ? 1.0f : 0.1f;
  });
  FixedScorer light([](std::uint32_t u, std::uint32_t j) {
    if (u < kUsers / 2) return Relevant(u, j) ? 1.0f : j == 59 ? 0.15f : 0.1f;
    return j == 58 ? 1.0f : 0.1f;
  });
  std::vector<BlendPart> parts{{&heavy, 1.0f}, {&light, 1.0f}};
  LearnedBlend flat = LearnBlend(parts, toy.train, toy.test);
  BlendLearnerOptions options;
  options.tilt = true;
  LearnedBlend tilted = LearnBlend(parts, toy.train, toy.test, options);
  EXPECT_LT(flat.ndcg_learned, 0.9);  // one half first, the other second at best
  EXPECT_DOUBLE_EQ(tilted.ndcg_learned, 1.0) << "weights " << tilted.weights[0] << " " << tilted.weights[1]
                                             << " tilts " << tilted.tilts[0] << " " << tilted.tilts[1] << " start "
                                             << tilted.ndcg_start << " flat " << flat.ndcg_learned;
  EXPECT_GT(tilted.tilts[0] - tilted.tilts[1], 0.0f);  // heavy gains with activity, light loses

  // The blend scorer applies the same tilts: the heavy half gets heavy's pick.
  std::vector<BlendPart> applied{{&heavy, tilted.weights[0], tilted.tilts[0]},
                                 {&light, tilted.weights[1], tilted.tilts[1]}};
  auto blend = MakeBlend(applied);
  blend->Fit(FoldData{toy.train, CsrMatrix(kItems, 0)});
  for (std::uint32_t u : {0u, kUsers - 1}) {
    std::vector<float> scores(kItems, 0.0f);
    blend->Score(u, scores);
    std::uint32_t best = 0;
    for (std::uint32_t j = 1; j < kItems; ++j) {
      if (scores[j] > scores[best]) best = j;
    }
    EXPECT_TRUE(Relevant(u, best)) << "user " << u << " got " << best;
  }
}

TEST(BlendLearnerTest, IsDeterministic) {
  Toy toy = MakeToy();
  FixedScorer a([](std::uint32_t u, std::uint32_t j) { return static_cast<float>((u * 31 + j * 17) % 23) / 23.0f; });
  FixedScorer b([](std::uint32_t u, std::uint32_t j) { return Relevant(u, j) ? 0.5f : static_cast<float>(j % 7) / 7.0f; });
  BlendLearnerOptions options;
  options.tilt = true;
  LearnedBlend first = LearnBlend({{&a, 1.0f}, {&b, 1.0f}}, toy.train, toy.test, options);
  LearnedBlend second = LearnBlend({{&a, 1.0f}, {&b, 1.0f}}, toy.train, toy.test, options);
  EXPECT_EQ(first.weights, second.weights);
  EXPECT_EQ(first.tilts, second.tilts);
  EXPECT_GE(first.ndcg_learned, first.ndcg_start);
}

TEST(VisibleItemTagsTest, DropsOnlyTheTagsAListenerGaveToTheirHeldOutArtists) {
  // User 0 played artists 0 and 1; the split trains on 0 and holds 1 out.
  CsrMatrix all = CsrMatrix::FromTriplets(2, 3, {{0, 0, 5.0f}, {0, 1, 3.0f}, {1, 1, 2.0f}});
  CsrMatrix train = CsrMatrix::FromTriplets(2, 3, {{0, 0, 5.0f}, {1, 1, 2.0f}});
  std::vector<TagAssignment> assignments{
      {0, 1, 0},                              // user 0 on held-out artist 1: dropped
      {0, 0, 0},                              // user 0 on a training artist: kept
      {0, 2, 1},                              // user 0 on an artist never played: kept
      {1, 1, 1},                              // user 1 on their training artist 1: kept
      {TagAssignment::kNotAListener, 1, 0}};  // a tagger without plays: kept
  CsrMatrix tags = VisibleItemTags(assignments, 2, all, train);
  ASSERT_EQ(tags.rows(), 3u);
  ASSERT_EQ(tags.cols(), 2u);
  auto row = [&](std::uint32_t i) {
    std::vector<std::pair<std::uint32_t, float>> out;
    for (std::size_t k = 0; k < tags.RowIndices(i).size(); ++k) out.emplace_back(tags.RowIndices(i)[k], tags.RowValues(i)[k]);
    return out;
  };
  using Row = std::vector<std::pair<std::uint32_t, float>>;
  EXPECT_EQ(row(0), (Row{{0, 1.0f}}));
  EXPECT_EQ(row(1), (Row{{0, 1.0f}, {1, 1.0f}}));
  EXPECT_EQ(row(2), (Row{{1, 1.0f}}));
}

TEST(TagRowsTest, TagsLinkArtistsNoListenerShares) {
  // Users 0-3 play artists 0 and 1; user 4 plays artist 2 only and holds out
  // 3. No listener links 2 and 3, but they share tags; with tag rows the
  // collaborative models find 3 for user 4.
  std::vector<Triplet> t;
  for (std::uint32_t u = 0; u < 4; ++u) t.push_back({u, 0, 5.0f}), t.push_back({u, 1, 5.0f});
  t.push_back({4, 2, 5.0f});
  t.push_back({5, 3, 1.0f});
  t.push_back({6, 4, 1.0f});
  CsrMatrix train = CsrMatrix::FromTriplets(7, 5, std::move(t));
  std::vector<std::vector<std::uint32_t>> test(7);
  test[4] = {3};
  std::vector<Triplet> tag_triplets{{2, 0, 3.0f}, {3, 0, 3.0f}, {2, 1, 1.0f}, {3, 1, 1.0f}, {0, 2, 1.0f}, {4, 2, 1.0f}};
  CsrMatrix item_tags = CsrMatrix::FromTriplets(5, 3, std::move(tag_triplets));
  EvalConfig config;
  config.k = 1;
  config.ease.lambda = 1.0f;
  config.ease.min_support = 1;
  config.only = {"ease", "rp3beta"};
  config.tag_rows_ease = config.tag_rows_rp3 = 0.0f;
  for (const StrategyResult& r : EvaluateSplit(train, test, item_tags, config)) {
    EXPECT_LT(r.metrics.ndcg, 1.0) << r.strategy << " without tags";
  }
  config.tag_rows_ease = config.tag_rows_rp3 = 1.0f;
  for (const StrategyResult& r : EvaluateSplit(train, test, item_tags, config)) {
    EXPECT_DOUBLE_EQ(r.metrics.ndcg, 1.0) << r.strategy << " with tags";
  }
}

}  // namespace
}  // namespace echotune::recs::eval
