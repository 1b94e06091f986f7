// EASE (Steck 2019): a closed-form item–item linear model
// B = I - P·diag(1/diag(P)), P = (XᵀX + λI)⁻¹, restricted to items with enough
// support so the dense n×n inverse stays affordable (n ≤ max_items).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

#include "recs/csr_matrix.h"

namespace echotune::recs {

struct EaseParams {
  float lambda = 200.0f;
  // EDLAE (Steck 2020): adds dropout/(1-dropout)·G_ii to each diagonal entry,
  // regularising popular items more; 0 gives plain EASE.
  float dropout = 0.0f;
  std::uint32_t min_support = 2;    // items seen by fewer users are left out
  std::uint32_t max_items = 8000;   // most popular items kept when more qualify
  int threads = 2;
};

class EaseModel {
 public:
  EaseModel() = default;

  // Fits on a user×item matrix. An empty model (no items) when nothing qualifies.
  static EaseModel Fit(const CsrMatrix& user_item, const EaseParams& params);

  // scores[j] += sum_i w_i B_ij over the user's (item, weight) pairs; items
  // outside the model contribute and receive nothing. REQUIRES: scores sized
  // to the full item count the model was fitted on. Thread-safe (const).
  void Score(std::span<const std::uint32_t> items, std::span<const float> weights,
             std::span<float> scores) const;

  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<std::uint32_t> items_;  // local → global item id
  std::vector<std::int32_t> local_;   // global → local, -1 when absent
  Eigen::MatrixXf b_;                 // local×local, column-major; B(i, j)
};

}  // namespace echotune::recs
