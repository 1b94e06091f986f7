// EASE for catalogues too large for its dense inverse: the same closed form
// B = I − P·diag(1/diag P), P = (G + λI)⁻¹, G = XᵀX, with G replaced by its
// top `rank` eigenpairs plus the diagonal they leave out:
//   G ≈ V·S·Vᵀ + D,  D_jj = G_jj − (V·S·Vᵀ)_jj ≥ 0
// (V, S from a randomized eigendecomposition). With Λ = λI + D diagonal,
// Woodbury gives P = Λ⁻¹ − Λ⁻¹V·M⁻¹·VᵀΛ⁻¹, M = S⁻¹ + VᵀΛ⁻¹V (rank × rank),
// and the score of an item j the user has not played is
//   (x·Λ⁻¹·V·M⁻¹) · V_j / (1 − V_j·M⁻¹·V_jᵀ / Λ_j).
// At full rank D = 0 and this is EASE exactly; below it, the kept diagonal
// regularises each item by the co-occurrence mass the rank cannot express
// (popular items more), which is what keeps a modest rank close to the dense
// model (measured in docs/recommendations.md). Memory and scoring are
// O(items · rank) instead of O(items²); the fit is linear in listens.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "recs/csr_matrix.h"

namespace echotune::recs {

struct LowRankEaseParams {
  float lambda = 3000.0f;
  std::uint32_t rank = 128;
  std::uint32_t oversample = 16;
  std::uint32_t power_iterations = 3;
  std::uint32_t min_support = 2;  // items seen by fewer users are left out
  std::uint64_t seed = 7;
};

class LowRankEaseModel {
 public:
  LowRankEaseModel() = default;

  // Fits on a user×item matrix (implicit weights). Empty when no item has
  // min_support listeners. Deterministic for a seed.
  static LowRankEaseModel Fit(const CsrMatrix& user_item, const LowRankEaseParams& params);

  // The user's projection x·Λ⁻¹·V·M⁻¹ (rank floats) from their (item,
  // weight) pairs; items outside the model are ignored.
  std::vector<float> Project(std::span<const std::uint32_t> items, std::span<const float> weights) const;

  // scores[j] = the EASE score of every model item j for a projection (items
  // the user played get a value too; callers exclude them). Items outside
  // the model are left as they are. REQUIRES: scores sized to the full item
  // count the model was fitted on.
  void ScoreAll(std::span<const float> projection, std::span<float> scores) const;

  // The score of one item (0 outside the model).
  float ScoreOne(std::span<const float> projection, std::uint32_t item) const;

  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  std::uint32_t rank() const { return rank_; }
  std::size_t MemoryBytes() const;

 private:
  std::uint32_t rank_ = 0;
  std::vector<std::uint32_t> items_;  // local → global item id
  std::vector<std::int32_t> local_;   // global → local, -1 when absent
  std::vector<float> vectors_;          // local × rank, row-major: V_j
  std::vector<float> minv_;             // M⁻¹, rank × rank, row-major
  std::vector<float> inv_lambda_;       // 1 / Λ_j per local item
  std::vector<float> inv_denominator_;  // 1 / (1 − V_j·M⁻¹·V_jᵀ / Λ_j)
};

}  // namespace echotune::recs
