#include "recs/eval/evaluator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

#include "recs/eval/scorers.h"
#include "recs/eval/split.h"
#include "recs/top_k.h"

namespace echotune::recs::eval {
namespace {

// log1p of the play count relative to the user's mean count (when
// per_user) so heavy and light listeners weigh their favourites alike.
CsrMatrix ImplicitWeights(CsrMatrix counts, float scale, bool per_user) {
  for (std::uint32_t u = 0; u < counts.rows(); ++u) {
    auto vals = counts.MutableRowValues(u);
    double mean = 0;
    for (float v : vals) mean += v;
    mean = per_user && !vals.empty() ? mean / static_cast<double>(vals.size()) : 1.0;
    for (float& v : vals) v = std::log1p(v / static_cast<float>(mean) / scale);
  }
  return counts;
}

CsrMatrix Binary(CsrMatrix m) {
  for (std::uint32_t r = 0; r < m.rows(); ++r) {
    for (float& v : m.MutableRowValues(r)) v = 1.0f;
  }
  return m;
}

bool Wanted(const EvalConfig& c, const std::string& name) {
  return c.only.empty() || std::find(c.only.begin(), c.only.end(), name) != c.only.end();
}

struct Lineup {
  std::vector<std::unique_ptr<Scorer>> owned;
  std::vector<std::pair<std::string, const Scorer*>> ranked;  // reported, in order
};

// The baselines, then our collaborative variants, semantic and hybrid.
Lineup MakeLineup(const EvalConfig& c, const FoldData& data) {
  Lineup l;
  auto add = [&](std::unique_ptr<Scorer> s) -> const Scorer* {
    s->Fit(data);
    l.owned.push_back(std::move(s));
    return l.owned.back().get();
  };
  const bool blend = Wanted(c, "collaborative") || Wanted(c, "hybrid");
  const Scorer* pop = Wanted(c, "most-popular") ? add(MakeMostPopular()) : nullptr;
  const Scorer* knn = Wanted(c, "item-knn") || blend ? add(MakeItemKnn(c.knn)) : nullptr;
  const Scorer* rp3 = Wanted(c, "rp3beta") || blend ? add(MakeRp3beta(c.rp3)) : nullptr;
  const Scorer* ease = c.use_ease && (Wanted(c, "ease") || blend) ? add(MakeEase(c.ease)) : nullptr;
  const Scorer* ials = Wanted(c, "ials") || blend ? add(MakeIals(c.ials)) : nullptr;
  const Scorer* uknn = Wanted(c, "user-knn") || blend ? add(MakeUserKnn(c.uknn)) : nullptr;
  const Scorer* sem = Wanted(c, "semantic") || Wanted(c, "hybrid") ? add(MakeSemantic(c.semantic)) : nullptr;
  std::vector<BlendPart> collab;
  auto part = [&](const Scorer* s, float w) {
    if (s && w > 0) collab.push_back({s, w});
  };
  if (ease) {
    part(ease, c.blend_ease), part(rp3, c.blend_rp3), part(knn, c.blend_knn), part(ials, c.blend_ials);
  } else {
    part(rp3, c.no_ease_blend_rp3), part(knn, c.no_ease_blend_knn), part(ials, c.no_ease_blend_ials);
  }
  part(uknn, c.blend_uknn);
  const Scorer* col = blend ? add(MakeBlend(collab)) : nullptr;
  part(sem, c.blend_semantic);
  const Scorer* hyb = Wanted(c, "hybrid") ? add(MakeBlend(collab)) : nullptr;
  for (auto [name, s] : {std::pair{"most-popular", pop}, {"item-knn", knn}, {"rp3beta", rp3}, {"ease", ease}, {"ials", ials}, {"user-knn", uknn},
                         {"collaborative", col}, {"semantic", sem}, {"hybrid", hyb}}) {
    if (s && Wanted(c, name)) l.ranked.emplace_back(name, s);
  }
  return l;
}

struct Measured {
  MetricsSummary all, cold;
  std::size_t cold_users = 0;
};

Measured Measure(const Scorer& s, const CsrMatrix& train, const CsrMatrix& listeners,
                 const std::vector<std::vector<std::uint32_t>>& test, std::size_t k) {
  MetricsAccumulator acc(train.cols(), k), cold(train.cols(), k);
  std::size_t cold_users = 0;
  double cold_ms = 0;
  std::vector<float> scores(train.cols());
  std::vector<std::uint32_t> ranked;
  double total_ms = 0;
  for (std::uint32_t u = 0; u < train.rows(); ++u) {
    if (test[u].empty()) continue;
    auto start = std::chrono::steady_clock::now();
    std::fill(scores.begin(), scores.end(), 0.0f);
    s.Score(u, scores);
    auto known = train.RowIndices(u);
    // Full ranking: every item competes; known items are excluded.
    auto top = TopKDense(scores, k, [&](std::uint32_t j) { return std::binary_search(known.begin(), known.end(), j); },
                         -std::numeric_limits<float>::infinity());
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    total_ms += ms;
    ranked.clear();
    for (const Scored& x : top) ranked.push_back(x.id);
    acc.Add(ranked, test[u], listeners);
    if (known.size() <= kColdStartItems) {
      cold.Add(ranked, test[u], listeners);
      cold_ms += ms;
      ++cold_users;
    }
  }
  return {acc.Finish(total_ms), cold.Finish(cold_ms), cold_users};
}

void AddInto(MetricsSummary& sum, const MetricsSummary& m, double w) {
  sum.ndcg += w * m.ndcg;
  sum.precision += w * m.precision;
  sum.recall += w * m.recall;
  sum.coverage += w * m.coverage;
  sum.diversity += w * m.diversity;
  sum.ms_per_user += w * m.ms_per_user;
}

}  // namespace

std::vector<StrategyResult> EvaluateSplit(const CsrMatrix& train_counts,
                                          const std::vector<std::vector<std::uint32_t>>& test,
                                          const CsrMatrix& item_tags, const EvalConfig& config) {
  CsrMatrix train = ImplicitWeights(train_counts, config.count_scale, config.per_user_scale);
  CsrMatrix listeners = Binary(train_counts.Transposed());
  FoldData data{train, item_tags};
  Lineup lineup = MakeLineup(config, data);
  std::vector<StrategyResult> out;
  for (const auto& [name, scorer] : lineup.ranked) {
    Measured m = Measure(*scorer, train, listeners, test, config.k);
    out.push_back({name, m.all, m.cold, static_cast<double>(m.cold_users)});
  }
  return out;
}

std::vector<StrategyResult> RunEvaluation(const CsrMatrix& interactions, const CsrMatrix& item_tags,
                                          const EvalConfig& config, const ProgressFn& progress) {
  std::vector<StrategyResult> mean;
  for (int fold = 0; fold < config.folds; ++fold) {
    Split split = RandomSplit(interactions, config.test_fraction, config.seed + static_cast<std::uint64_t>(fold));
    auto results = EvaluateSplit(split.train, split.test, item_tags, config);
    if (mean.empty()) {
      for (const auto& r : results) mean.push_back({r.strategy, {}});
    }
    for (std::size_t s = 0; s < results.size(); ++s) {
      AddInto(mean[s].metrics, results[s].metrics, 1.0 / config.folds);
      AddInto(mean[s].cold, results[s].cold, 1.0 / config.folds);
      mean[s].cold_users += results[s].cold_users / config.folds;
      if (progress) {
        progress("fold " + std::to_string(fold + 1) + "/" + std::to_string(config.folds) + " " +
                 results[s].strategy + " ndcg@10=" + std::to_string(results[s].metrics.ndcg));
      }
    }
  }
  return mean;
}

}  // namespace echotune::recs::eval
