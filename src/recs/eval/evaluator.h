// The offline evaluation protocol of SYSTEM.md §6.4: k-fold random 80/20
// per-user holdout, full ranking over all items with training items excluded,
// metrics @10 averaged over users and then over folds.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "recs/csr_matrix.h"
#include "recs/ease.h"
#include "recs/ease_lowrank.h"
#include "recs/embeddings.h"
#include "recs/ials.h"
#include "recs/eval/blend_learner.h"
#include "recs/eval/metrics.h"
#include "recs/item_similarity.h"
#include "recs/user_knn.h"

namespace echotune::recs::eval {

// Hyper-parameters, chosen on validation splits carved from training data
// only (see docs/recommendations.md); never on a test fold.
struct EvalConfig {
  int folds = 5;
  std::uint64_t seed = 42;
  std::size_t k = 10;
  double test_fraction = 0.2;
  float count_scale = 1.0f;     // implicit weight = log1p(plays / count_scale)
  bool per_user_scale = false;  // plays taken relative to the user's mean first
  ItemKnnParams knn{.neighbours = 200, .shrink = 10.0f, .threads = 2};
  Rp3betaParams rp3{.neighbours = 300, .alpha = 1.0f, .beta = 0.35f, .threads = 2};
  EaseParams ease{.lambda = 3000.0f, .dropout = 0.0f, .min_support = 2, .max_items = 8000, .threads = 2};
  // Low-rank EASE (ease_lowrank.h): `ease` is this model instead of the dense
  // one with `ease_lowrank_always`, or when more than ease.max_items items
  // have ease.min_support listeners (the dense one would drop the rest).
  LowRankEaseParams ease_lowrank{.lambda = 3000.0f, .rank = 128, .oversample = 16, .power_iterations = 3,
                                 .min_support = 2, .seed = 7};
  bool ease_lowrank_always = false;
  UserKnnParams uknn{.neighbours = 100, .shrink = 10.0f, .exponent = 2.0f};
  EmbeddingParams semantic{.dim = 64, .oversample = 16, .power_iterations = 2, .tag_weight = 2.0f, .seed = 7};
  IalsParams ials{.factors = 64, .alpha = 4.0f, .regularization = 100.0f, .iterations = 10, .cg_steps = 3,
                  .seed = 7, .threads = 2};
  // false (`--no-ease`): EASE is neither run nor blended, as in the engine
  // when the catalogue is beyond ease_item_limit.
  bool use_ease = true;
  // collaborative = EASE + RP3beta + item-kNN + iALS; hybrid adds semantic.
  // Learned on the validation split with the tag-row models above
  // (`--validation --learn-blend`; docs/recommendations.md).
  float blend_ease = 0.352f, blend_rp3 = 0.352f, blend_knn = 0.214f, blend_uknn = 0.0f, blend_ials = 1.0f;
  float blend_semantic = 0.467f;
  // Item popularity (the most-popular scorer) as a part of the hybrid only.
  float blend_popularity = 0.0f;
  // The weights used instead when EASE is off (learned the same way).
  float no_ease_blend_rp3 = 0.453f, no_ease_blend_knn = 0.138f, no_ease_blend_ials = 1.0f;
  float no_ease_blend_semantic = 0.424f;
  // Per-part tilts by listening activity (BlendPart::tilt), hybrid only.
  float tilt_ease = 0.0f, tilt_rp3 = 0.0f, tilt_knn = 0.0f, tilt_ials = 0.0f, tilt_semantic = 0.0f;
  // Tags as side information in the collaborative models (collective EASE,
  // Jeunen et al. 2020): each tag becomes a pseudo-listener of the artists it
  // was applied to, with value weight · log1p(count) · idf, in the matrix the
  // model is fitted on (never in a user's own row). 0 leaves a model tag-free.
  // Chosen on the validation split (docs/recommendations.md).
  float tag_rows_ease = 2.0f, tag_rows_ials = 0.5f, tag_rows_rp3 = 1.0f, tag_rows_knn = 0.0f;
  std::vector<std::string> only;  // when non-empty, run just these strategies
};

struct StrategyResult {
  std::string strategy;
  MetricsSummary metrics;  // means over folds
  // The same over the cold-start users alone: those with at most
  // cold_start_items training items (and something held out).
  MetricsSummary cold;
  double cold_users = 0;  // per fold, mean over folds
};

inline constexpr std::size_t kColdStartItems = 5;

using ProgressFn = std::function<void(const std::string& line)>;

// The items × tags side information a split may see, given its training
// matrix (raw counts): see VisibleItemTags in lastfm_dataset.h.
using ItemTagsFor = std::function<CsrMatrix(const CsrMatrix& train_counts)>;

// Runs every strategy on `interactions` (users × items, raw play counts).
// Deterministic for a config except ms_per_user. Not thread-safe to share a
// config being mutated; otherwise pure.
std::vector<StrategyResult> RunEvaluation(const CsrMatrix& interactions, const ItemTagsFor& item_tags,
                                          const EvalConfig& config, const ProgressFn& progress = {});

// One fold on an explicit train/test split (also used for validation tuning).
std::vector<StrategyResult> EvaluateSplit(const CsrMatrix& train_counts,
                                          const std::vector<std::vector<std::uint32_t>>& test,
                                          const CsrMatrix& item_tags, const EvalConfig& config);

struct LearnedHybrid {
  std::vector<std::string> parts;  // "ease", "rp3beta", "item-knn", "ials", "semantic"
  LearnedBlend blend;
};

// Fits the hybrid's parts on the split and learns their blend weights (and,
// with `tilt`, their activity tilts) on its test part; for validation splits.
LearnedHybrid LearnHybridBlend(const CsrMatrix& train_counts, const std::vector<std::vector<std::uint32_t>>& test,
                               const CsrMatrix& item_tags, const EvalConfig& config, bool tilt);

}  // namespace echotune::recs::eval
