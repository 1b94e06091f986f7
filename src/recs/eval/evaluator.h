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
#include "recs/embeddings.h"
#include "recs/ials.h"
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
  UserKnnParams uknn{.neighbours = 100, .shrink = 10.0f, .exponent = 2.0f};
  EmbeddingParams semantic{.dim = 64, .oversample = 16, .power_iterations = 2, .tag_weight = 2.0f, .seed = 7};
  IalsParams ials{.factors = 64, .alpha = 4.0f, .regularization = 100.0f, .iterations = 10, .cg_steps = 3,
                  .seed = 7, .threads = 2};
  // false (`--no-ease`): EASE is neither run nor blended, as in the engine
  // when the catalogue is beyond ease_item_limit.
  bool use_ease = true;
  // collaborative = EASE + RP3beta + item-kNN + iALS; hybrid adds semantic.
  float blend_ease = 1.0f, blend_rp3 = 1.0f, blend_knn = 0.5f, blend_uknn = 0.0f, blend_ials = 2.0f;
  // The weights used instead when EASE is off (tuned the same way).
  float no_ease_blend_rp3 = 1.0f, no_ease_blend_knn = 0.5f, no_ease_blend_ials = 2.0f;
  float blend_semantic = 1.0f;
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

// Runs every strategy on `interactions` (users × items, raw play counts).
// Deterministic for a config except ms_per_user. Not thread-safe to share a
// config being mutated; otherwise pure.
std::vector<StrategyResult> RunEvaluation(const CsrMatrix& interactions, const CsrMatrix& item_tags,
                                          const EvalConfig& config, const ProgressFn& progress = {});

// One fold on an explicit train/test split (also used for validation tuning).
std::vector<StrategyResult> EvaluateSplit(const CsrMatrix& train_counts,
                                          const std::vector<std::vector<std::uint32_t>>& test,
                                          const CsrMatrix& item_tags, const EvalConfig& config);

}  // namespace echotune::recs::eval
