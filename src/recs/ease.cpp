#include "recs/ease.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <atomic>
#include <numeric>
#include <thread>

namespace echotune::recs {
namespace {

std::vector<std::uint32_t> SupportedItems(const CsrMatrix& user_item, const EaseParams& params) {
  std::vector<std::uint32_t> count(user_item.cols(), 0);
  for (std::uint32_t u = 0; u < user_item.rows(); ++u) {
    for (std::uint32_t j : user_item.RowIndices(u)) ++count[j];
  }
  std::vector<std::uint32_t> items;
  for (std::uint32_t j = 0; j < count.size(); ++j) {
    if (count[j] >= params.min_support) items.push_back(j);
  }
  if (items.size() > params.max_items) {
    std::stable_sort(items.begin(), items.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return count[a] > count[b]; });
    items.resize(params.max_items);
    std::sort(items.begin(), items.end());
  }
  return items;
}

Eigen::MatrixXf Gram(const CsrMatrix& user_item, const std::vector<std::int32_t>& local, std::size_t n) {
  Eigen::MatrixXf g = Eigen::MatrixXf::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  std::vector<std::pair<std::int32_t, float>> row;
  for (std::uint32_t u = 0; u < user_item.rows(); ++u) {
    row.clear();
    auto cols = user_item.RowIndices(u);
    auto vals = user_item.RowValues(u);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (local[cols[k]] >= 0) row.emplace_back(local[cols[k]], vals[k]);
    }
    for (const auto& [a, va] : row) {
      for (const auto& [b, vb] : row) g(a, b) += va * vb;
    }
  }
  return g;
}

// Runs fn(first_column, width) for every column block of an n-column matrix,
// blocks dealt to `threads` threads from a shared counter (trailing blocks
// are cheaper, so a fixed split would be uneven).
template <typename Fn>
void ForColumnBlocks(Eigen::Index n, int threads, Fn fn) {
  constexpr Eigen::Index kBlock = 128;
  std::atomic<Eigen::Index> next{0};
  auto work = [&] {
    for (Eigen::Index j0; (j0 = next.fetch_add(kBlock)) < n;) fn(j0, std::min(kBlock, n - j0));
  };
  std::vector<std::jthread> pool;
  for (int w = 1; w < threads; ++w) pool.emplace_back(work);
  work();
}

// P = G⁻¹ = L⁻ᵀL⁻¹ from one Cholesky factorisation G = LLᵀ, using the
// triangles: column block J of L⁻¹ is zero above J, so only the trailing rows
// are solved; then the lower part of P's block J is L⁻¹[j0:, j0:]ᵀ L⁻¹[j0:, J]
// and the upper part is mirrored. About n³ flops instead of the 2n³ of
// solving against the identity, in column blocks across threads.
Eigen::MatrixXf InverseSpd(Eigen::MatrixXf g, int threads) {
  const Eigen::Index n = g.rows();
  Eigen::LLT<Eigen::Ref<Eigen::MatrixXf>> llt(g);  // factorises in place
  Eigen::MatrixXf inv_l = Eigen::MatrixXf::Zero(n, n);
  ForColumnBlocks(n, threads, [&](Eigen::Index j0, Eigen::Index w) {
    auto x = inv_l.block(j0, j0, n - j0, w);
    x.topRows(w).setIdentity();
    g.bottomRightCorner(n - j0, n - j0).triangularView<Eigen::Lower>().solveInPlace(x);
  });
  Eigen::MatrixXf p(n, n);
  ForColumnBlocks(n, threads, [&](Eigen::Index j0, Eigen::Index w) {
    p.block(j0, j0, n - j0, w).noalias() =
        inv_l.bottomRightCorner(n - j0, n - j0).triangularView<Eigen::Lower>().transpose() *
        inv_l.block(j0, j0, n - j0, w);
  });
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < j; ++i) p(i, j) = p(j, i);
  }
  return p;
}

}  // namespace

EaseModel EaseModel::Fit(const CsrMatrix& user_item, const EaseParams& params) {
  EaseModel m;
  m.items_ = SupportedItems(user_item, params);
  m.local_.assign(user_item.cols(), -1);
  for (std::size_t k = 0; k < m.items_.size(); ++k) m.local_[m.items_[k]] = static_cast<std::int32_t>(k);
  if (m.items_.empty()) return m;
  Eigen::MatrixXf g = Gram(user_item, m.local_, m.items_.size());
  const float emphasis = params.dropout / (1.0f - params.dropout);
  g.diagonal().array() = g.diagonal().array() * (1.0f + emphasis) + params.lambda;
  Eigen::MatrixXf p = InverseSpd(std::move(g), params.threads);
  Eigen::VectorXf inv_diag = p.diagonal().cwiseInverse();
  // B(i, j) = -P(i, j) / P(j, j), stored transposed so that b_.col(i) is row i
  // of B: scoring then adds contiguous columns.
  m.b_ = -(p * inv_diag.asDiagonal()).transpose();
  m.b_.diagonal().setZero();
  return m;
}

void EaseModel::Score(std::span<const std::uint32_t> items, std::span<const float> weights,
                      std::span<float> scores) const {
  if (items_.empty()) return;
  Eigen::VectorXf acc = Eigen::VectorXf::Zero(static_cast<Eigen::Index>(items_.size()));
  for (std::size_t a = 0; a < items.size(); ++a) {
    std::int32_t i = items[a] < local_.size() ? local_[items[a]] : -1;
    if (i >= 0) acc.noalias() += weights[a] * b_.col(i);
  }
  for (std::size_t k = 0; k < items_.size(); ++k) scores[items_[k]] += acc[static_cast<Eigen::Index>(k)];
}

}  // namespace echotune::recs
