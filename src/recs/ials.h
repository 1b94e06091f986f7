// Implicit ALS (Hu, Koren & Volinsky 2008) with conjugate-gradient row
// updates (Takács, Pilászy & Tikk 2011): users × items weights w_ui become
// preferences p_ui = 1 with confidence c_ui = 1 + alpha·w_ui; every unobserved
// pair has p = 0 and confidence 1. Minimises
//   Σ_u,i c_ui (p_ui − x_u·y_i)² + Σ_u λ_u‖x_u‖² + Σ_i λ_i‖y_i‖²
// with λ_r = λ·max(1, n_r)^ν for a row of n_r observed entries (ν = 0: plain λ)
// by alternating user and item half-steps; each row solves
// (YᵀY + Yᵀ(C_u − I)Y + λ_u I) x_u = Yᵀ C_u p_u with a few CG steps warm-started
// from its previous value. YᵀY is shared, so a half-step costs
// O(rows·k² + nnz·k·cg_steps): linear in the number of listens.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <span>
#include <stop_token>
#include <vector>

#include "recs/csr_matrix.h"

namespace echotune::recs {

struct IalsParams {
  std::uint32_t factors = 64;
  float alpha = 1.0f;           // confidence = 1 + alpha · weight
  float regularization = 0.1f;  // λ
  // Frequency-scaled regularisation (Rendle et al. 2021, "Revisiting iALS"):
  // a row with n observed entries gets λ·n^ν instead of λ. 0 gives plain λ.
  float reg_exponent = 0.0f;
  int iterations = 10;          // user + item half-steps each
  int cg_steps = 3;             // per row and half-step
  float init_stddev = 0.1f;     // item factors start uniform with this stddev / sqrt(factors)
  std::uint64_t seed = 7;
  int threads = 2;
};

class IalsModel {
 public:
  IalsModel() = default;

  // Fits on a users × items weight matrix (entries ≤ 0 are ignored). After
  // each iteration `on_iteration(iteration, model)` is called when set (tests
  // watch the loss with it). Deterministic for a seed whatever the thread
  // count: every row update reads only the other side's fixed factors.
  // When `stop` is requested the fit ends after the current half-step (the
  // model is then unfinished: callers discard it).
  using IterationFn = std::function<void(int iteration, const IalsModel& model)>;
  static IalsModel Fit(const CsrMatrix& user_item, const IalsParams& params, const IterationFn& on_iteration = {},
                       std::stop_token stop = {});

  // The user's vector solved exactly against the item factors (fold-in): what
  // the next user half-step would give, for any history, also one the model
  // never saw. Empty items give a zero vector.
  Eigen::VectorXf UserVector(std::span<const std::uint32_t> items, std::span<const float> weights) const;

  // scores[j] = x·y_j for every item j < items(), x = UserVector(items, weights).
  // Items outside the model (id ≥ items()) are ignored. REQUIRES:
  // scores.size() ≥ items(). Thread-safe (const).
  void Score(std::span<const std::uint32_t> items, std::span<const float> weights, std::span<float> scores) const;

  // The objective above on `user_item` with the fitted user factors.
  double Loss(const CsrMatrix& user_item) const;

  std::uint32_t items() const { return static_cast<std::uint32_t>(y_.cols()); }
  std::uint32_t factors() const { return static_cast<std::uint32_t>(y_.rows()); }
  bool empty() const { return y_.cols() == 0; }
  // k × items and k × users: column r is row r's factor vector (contiguous).
  const Eigen::MatrixXf& item_factors() const { return y_; }
  const Eigen::MatrixXf& user_factors() const { return x_; }
  std::size_t MemoryBytes() const { return (y_.size() + x_.size() + gram_.size()) * sizeof(float); }

 private:
  IalsParams params_;
  Eigen::MatrixXf x_, y_;
  Eigen::MatrixXf gram_;  // YᵀY of the final item factors (k × k), without λ
};

}  // namespace echotune::recs
