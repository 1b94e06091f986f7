// Learns the weights of a max-normalised blend (MakeBlend) on a validation
// split: coordinate ascent on NDCG@k (Metzler & Croft 2007), the metric the
// evaluation reports, over each part's weight and, optionally, a per-part
// tilt by how much the listener has played.
//
// The blended score of item j for user u is
//   sum_p w_p · max(0, 1 + t_p · a_u) · s_pj / max_j' s_pj'
// where a_u is the user's standardised log training-row size (mean 0, sd 1
// over the split's users) and t_p is 0 unless `tilt` is set. Only each part's
// top `candidates` items per user are scored: an item below that in every part
// does not reach a top 10 at any weights tried.
#pragma once

#include <cstdint>
#include <vector>

#include "recs/csr_matrix.h"
#include "recs/eval/scorers.h"

namespace echotune::recs::eval {

struct BlendLearnerOptions {
  std::size_t k = 10;
  std::size_t candidates = 100;
  int max_rounds = 12;
  bool tilt = false;  // learn t_p as well as w_p
};

struct LearnedBlend {
  std::vector<float> weights;  // w_p, in the parts' order; the largest is 1
  std::vector<float> tilts;    // t_p (all 0 without `tilt`)
  double ndcg_start = 0;       // validation NDCG@k at the starting weights
  double ndcg_learned = 0;     // and at the learned ones
  int rounds = 0;
};

// REQUIRES: every part fitted on `train`; test[u] sorted. Starts from the
// parts' current weights. Deterministic.
LearnedBlend LearnBlend(const std::vector<BlendPart>& parts, const CsrMatrix& train,
                        const std::vector<std::vector<std::uint32_t>>& test,
                        const BlendLearnerOptions& options = {});

// The mean and sd of log1p(row size) over a training matrix's rows, and the
// activity a_u of a row of `row_size` items relative to them.
struct ActivityScale {
  double mean_log = 0, sd_log = 0;
  static ActivityScale Of(const CsrMatrix& train);
  float Activity(std::size_t row_size) const;
};

}  // namespace echotune::recs::eval
