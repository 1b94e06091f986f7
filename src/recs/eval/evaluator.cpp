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

// Each tag as a pseudo-listener: a tags × items block with value
// weight · log1p(count) · idf, stacked under the users' rows. Tags applied to
// fewer than two artists link nothing and are left out.
CsrMatrix WithTagRows(const CsrMatrix& train, const CsrMatrix& item_tags, float weight) {
  std::vector<float> df(item_tags.cols(), 0.0f);
  for (std::uint32_t i = 0; i < item_tags.rows(); ++i) {
    for (std::uint32_t t : item_tags.RowIndices(i)) df[t] += 1.0f;
  }
  const float items = static_cast<float>(std::max<std::uint32_t>(1, item_tags.rows()));
  std::vector<Triplet> triplets;
  triplets.reserve(train.nnz() + item_tags.nnz());
  for (std::uint32_t u = 0; u < train.rows(); ++u) {
    auto cols = train.RowIndices(u);
    auto vals = train.RowValues(u);
    for (std::size_t k = 0; k < cols.size(); ++k) triplets.push_back({u, cols[k], vals[k]});
  }
  for (std::uint32_t i = 0; i < item_tags.rows(); ++i) {
    auto tags = item_tags.RowIndices(i);
    auto counts = item_tags.RowValues(i);
    for (std::size_t k = 0; k < tags.size(); ++k) {
      if (df[tags[k]] < 2.0f) continue;
      const float idf = std::log(items / df[tags[k]]);
      triplets.push_back({train.rows() + tags[k], i, weight * std::log1p(counts[k]) * idf});
    }
  }
  return CsrMatrix::FromTriplets(train.rows() + item_tags.cols(), train.cols(), std::move(triplets));
}

bool UseLowRankEase(const EvalConfig& c, const CsrMatrix& train) {
  if (c.ease_lowrank_always) return true;
  std::vector<std::uint32_t> support(train.cols(), 0);
  for (std::uint32_t u = 0; u < train.rows(); ++u) {
    for (std::uint32_t j : train.RowIndices(u)) ++support[j];
  }
  const auto qualifying = std::count_if(support.begin(), support.end(),
                                        [&](std::uint32_t n) { return n >= c.ease.min_support; });
  return static_cast<std::size_t>(qualifying) > c.ease.max_items;
}

struct Lineup {
  std::vector<std::unique_ptr<Scorer>> owned;
  std::vector<std::unique_ptr<CsrMatrix>> matrices;  // tag-augmented fitting matrices
  std::vector<std::pair<std::string, const Scorer*>> ranked;  // reported, in order
  std::vector<std::string> hybrid_names;
  std::vector<BlendPart> hybrid_parts;
};

// The baselines, then our collaborative variants, semantic and hybrid.
Lineup MakeLineup(const EvalConfig& c, const FoldData& data) {
  Lineup l;
  auto add = [&](std::unique_ptr<Scorer> s, float tag_rows = 0.0f) -> const Scorer* {
    if (tag_rows > 0 && data.item_tags.cols() > 0) {
      l.matrices.push_back(std::make_unique<CsrMatrix>(WithTagRows(data.train, data.item_tags, tag_rows)));
      // The users' rows come first and are unchanged, so scoring user u
      // reads the same row as without tags.
      s->Fit(FoldData{*l.matrices.back(), data.item_tags});
    } else {
      s->Fit(data);
    }
    l.owned.push_back(std::move(s));
    return l.owned.back().get();
  };
  const bool blend = Wanted(c, "collaborative") || Wanted(c, "hybrid");
  const bool pop_part = c.blend_popularity > 0 && Wanted(c, "hybrid");
  const Scorer* pop = Wanted(c, "most-popular") || pop_part ? add(MakeMostPopular()) : nullptr;
  const Scorer* knn = Wanted(c, "item-knn") || blend ? add(MakeItemKnn(c.knn), c.tag_rows_knn) : nullptr;
  const Scorer* rp3 = Wanted(c, "rp3beta") || blend ? add(MakeRp3beta(c.rp3), c.tag_rows_rp3) : nullptr;
  const Scorer* ease = nullptr;
  if (c.use_ease && (Wanted(c, "ease") || blend)) {
    ease = UseLowRankEase(c, data.train) ? add(MakeLowRankEase(c.ease_lowrank), c.tag_rows_ease)
                                         : add(MakeEase(c.ease), c.tag_rows_ease);
  }
  const Scorer* ials = Wanted(c, "ials") || blend ? add(MakeIals(c.ials), c.tag_rows_ials) : nullptr;
  const Scorer* uknn = Wanted(c, "user-knn") || (blend && c.blend_uknn > 0) ? add(MakeUserKnn(c.uknn)) : nullptr;
  const Scorer* sem = Wanted(c, "semantic") || Wanted(c, "hybrid") ? add(MakeSemantic(c.semantic)) : nullptr;
  std::vector<BlendPart> collab;
  std::vector<std::string> names;
  auto part = [&](const char* name, const Scorer* s, float w, float tilt) {
    if (s && w > 0) collab.push_back({s, w, tilt}), names.emplace_back(name);
  };
  if (ease) {
    part("ease", ease, c.blend_ease, c.tilt_ease), part("rp3beta", rp3, c.blend_rp3, c.tilt_rp3),
        part("item-knn", knn, c.blend_knn, c.tilt_knn), part("ials", ials, c.blend_ials, c.tilt_ials);
  } else {
    part("rp3beta", rp3, c.no_ease_blend_rp3, c.tilt_rp3), part("item-knn", knn, c.no_ease_blend_knn, c.tilt_knn),
        part("ials", ials, c.no_ease_blend_ials, c.tilt_ials);
  }
  part("user-knn", uknn, c.blend_uknn, 0.0f);
  // collaborative is the tilt-free blend of the same parts
  std::vector<BlendPart> untilted = collab;
  for (BlendPart& p : untilted) p.tilt = 0.0f;
  const Scorer* col = blend ? add(MakeBlend(untilted)) : nullptr;
  part("semantic", sem, ease ? c.blend_semantic : c.no_ease_blend_semantic, c.tilt_semantic);
  part("popularity", pop, c.blend_popularity, 0.0f);  // no part at weight 0
  const Scorer* hyb = Wanted(c, "hybrid") ? add(MakeBlend(collab)) : nullptr;
  if (hyb) l.hybrid_names = names, l.hybrid_parts = collab;
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

LearnedHybrid LearnHybridBlend(const CsrMatrix& train_counts, const std::vector<std::vector<std::uint32_t>>& test,
                               const CsrMatrix& item_tags, const EvalConfig& config, bool tilt) {
  CsrMatrix train = ImplicitWeights(train_counts, config.count_scale, config.per_user_scale);
  FoldData data{train, item_tags};
  EvalConfig c = config;
  c.only = {"hybrid"};
  Lineup lineup = MakeLineup(c, data);
  BlendLearnerOptions options;
  options.k = config.k;
  options.tilt = tilt;
  return {lineup.hybrid_names, LearnBlend(lineup.hybrid_parts, train, test, options)};
}

std::vector<StrategyResult> RunEvaluation(const CsrMatrix& interactions, const ItemTagsFor& item_tags,
                                          const EvalConfig& config, const ProgressFn& progress) {
  std::vector<StrategyResult> mean;
  for (int fold = 0; fold < config.folds; ++fold) {
    Split split = RandomSplit(interactions, config.test_fraction, config.seed + static_cast<std::uint64_t>(fold));
    auto results = EvaluateSplit(split.train, split.test, item_tags(split.train), config);
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
