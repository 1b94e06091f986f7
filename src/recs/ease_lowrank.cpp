#include "recs/ease_lowrank.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <random>

#include "recs/csr_dense.h"

namespace echotune::recs {

LowRankEaseModel LowRankEaseModel::Fit(const CsrMatrix& user_item, const LowRankEaseParams& params) {
  LowRankEaseModel m;
  std::vector<std::uint32_t> support(user_item.cols(), 0);
  for (std::uint32_t u = 0; u < user_item.rows(); ++u) {
    for (std::uint32_t j : user_item.RowIndices(u)) ++support[j];
  }
  m.local_.assign(user_item.cols(), -1);
  for (std::uint32_t j = 0; j < support.size(); ++j) {
    if (support[j] >= params.min_support) {
      m.local_[j] = static_cast<std::int32_t>(m.items_.size());
      m.items_.push_back(j);
    }
  }
  const auto n = static_cast<Eigen::Index>(m.items_.size());
  if (n == 0 || params.rank == 0) {
    m.items_.clear();
    return m;
  }
  std::vector<Triplet> kept;
  for (std::uint32_t u = 0; u < user_item.rows(); ++u) {
    auto cols = user_item.RowIndices(u);
    auto vals = user_item.RowValues(u);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (m.local_[cols[k]] >= 0) kept.push_back({u, static_cast<std::uint32_t>(m.local_[cols[k]]), vals[k]});
    }
  }
  const CsrMatrix x = CsrMatrix::FromTriplets(user_item.rows(), static_cast<std::uint32_t>(n), std::move(kept));

  // Randomized range finder for G = XᵀX (Halko et al. 2011, algorithm 4.4),
  // then the exact eigendecomposition of the projected l × l matrix.
  const Eigen::Index l = std::min<Eigen::Index>(params.rank + params.oversample, n);
  std::mt19937_64 rng(params.seed);
  std::normal_distribution<float> normal;
  RowMatrix omega(n, l);
  for (Eigen::Index i = 0; i < omega.size(); ++i) omega.data()[i] = normal(rng);
  RowMatrix q = Orthonormal(MultiplyTransposed(x, Multiply(x, omega)));
  for (std::uint32_t it = 0; it < params.power_iterations; ++it) {
    q = Orthonormal(MultiplyTransposed(x, Multiply(x, q)));
  }
  const RowMatrix xq = Multiply(x, q);  // users × l
  const Eigen::MatrixXf t = (xq.transpose() * xq).selfadjointView<Eigen::Lower>();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXf> eig(t);
  // Eigenvalues come in ascending order: the last r are the largest.
  Eigen::Index r = std::min<Eigen::Index>(params.rank, l);
  // A rank-deficient G has fewer directions than asked for: drop those at
  // rounding level.
  const float floor = 1e-6f * std::max(0.0f, eig.eigenvalues()(l - 1));
  while (r > 0 && !(eig.eigenvalues()(l - r) > floor)) --r;
  if (r == 0) {
    m.items_.clear();
    return m;
  }
  const RowMatrix v = q * eig.eigenvectors().rightCols(r);
  const Eigen::VectorXf s = eig.eigenvalues().tail(r);

  // Λ = λ + the diagonal G leaves outside the subspace.
  Eigen::VectorXf gdiag = Eigen::VectorXf::Zero(n);
  for (std::uint32_t u = 0; u < x.rows(); ++u) {
    auto cols = x.RowIndices(u);
    auto vals = x.RowValues(u);
    for (std::size_t k = 0; k < cols.size(); ++k) gdiag(cols[k]) += vals[k] * vals[k];
  }
  Eigen::VectorXf inv_lambda(n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const float residual = gdiag(j) - v.row(j).cwiseAbs2().dot(s);
    inv_lambda(j) = 1.0f / (params.lambda + std::max(0.0f, residual));
  }
  // M = S⁻¹ + Vᵀ Λ⁻¹ V (r × r, symmetric positive definite).
  Eigen::MatrixXf mm = s.cwiseInverse().asDiagonal();
  mm.noalias() += v.transpose() * inv_lambda.asDiagonal() * v;
  const Eigen::MatrixXf minv = mm.llt().solve(Eigen::MatrixXf::Identity(r, r));
  const RowMatrix vm = v * minv;  // rows: V_j M⁻¹

  m.rank_ = static_cast<std::uint32_t>(r);
  m.vectors_.assign(v.data(), v.data() + v.size());
  m.minv_.resize(static_cast<std::size_t>(r * r));
  Eigen::Map<RowMatrix>(m.minv_.data(), r, r) = minv;
  m.inv_lambda_.assign(inv_lambda.data(), inv_lambda.data() + n);
  m.inv_denominator_.resize(static_cast<std::size_t>(n));
  for (Eigen::Index j = 0; j < n; ++j) {
    // P_jj · Λ_j = 1 − V_j M⁻¹ V_jᵀ / Λ_j, positive as P is; the floor only
    // guards rounding.
    const float q_jj = vm.row(j).dot(v.row(j)) * inv_lambda(j);
    m.inv_denominator_[static_cast<std::size_t>(j)] = 1.0f / std::max(1e-4f, 1.0f - q_jj);
  }
  return m;
}

std::vector<float> LowRankEaseModel::Project(std::span<const std::uint32_t> items,
                                             std::span<const float> weights) const {
  std::vector<float> t(rank_, 0.0f);
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (items[k] >= local_.size() || local_[items[k]] < 0) continue;
    const auto j = static_cast<std::size_t>(local_[items[k]]);
    const float w = weights[k] * inv_lambda_[j];
    const float* row = vectors_.data() + j * rank_;
    for (std::uint32_t c = 0; c < rank_; ++c) t[c] += w * row[c];
  }
  std::vector<float> p(rank_, 0.0f);  // t · M⁻¹
  for (std::uint32_t a = 0; a < rank_; ++a) {
    const float* row = minv_.data() + static_cast<std::size_t>(a) * rank_;
    for (std::uint32_t c = 0; c < rank_; ++c) p[c] += t[a] * row[c];
  }
  return p;
}

void LowRankEaseModel::ScoreAll(std::span<const float> projection, std::span<float> scores) const {
  for (std::size_t j = 0; j < items_.size(); ++j) {
    const float* row = vectors_.data() + j * rank_;
    float dot = 0;
    for (std::uint32_t c = 0; c < rank_; ++c) dot += projection[c] * row[c];
    scores[items_[j]] = dot * inv_denominator_[j];
  }
}

float LowRankEaseModel::ScoreOne(std::span<const float> projection, std::uint32_t item) const {
  if (item >= local_.size() || local_[item] < 0) return 0.0f;
  const auto j = static_cast<std::size_t>(local_[item]);
  const float* row = vectors_.data() + j * rank_;
  float dot = 0;
  for (std::uint32_t c = 0; c < rank_; ++c) dot += projection[c] * row[c];
  return dot * inv_denominator_[j];
}

std::size_t LowRankEaseModel::MemoryBytes() const {
  return items_.size() * (sizeof(std::uint32_t) + sizeof(float) * (rank_ + 2)) + local_.size() * sizeof(std::int32_t) +
         minv_.size() * sizeof(float);
}

}  // namespace echotune::recs
