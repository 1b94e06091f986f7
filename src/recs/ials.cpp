#include "recs/ials.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <thread>

namespace echotune::recs {
namespace {

using Eigen::MatrixXf;
using Eigen::VectorXf;

// Runs fn(first, last) over row blocks of [0, n) on `threads` threads, blocks
// dealt from a shared counter (rows differ in length, so a fixed split would
// be uneven). Each row is written by exactly one thread.
template <typename Fn>
void ForRowBlocks(std::uint32_t n, int threads, Fn fn) {
  constexpr std::uint32_t kBlock = 256;
  std::atomic<std::uint32_t> next{0};
  auto work = [&] {
    for (std::uint32_t r0; (r0 = next.fetch_add(kBlock)) < n;) fn(r0, std::min(n, r0 + kBlock));
  };
  std::vector<std::jthread> pool;
  for (int w = 1; w < threads; ++w) pool.emplace_back(work);
  work();
}

// One half-step: every column of `x` (one per row of `m`) moves towards the
// solution of its normal equations against the fixed `y`, by params.cg_steps
// conjugate-gradient steps from where it is.
void HalfStep(const CsrMatrix& m, const MatrixXf& y, MatrixXf& x, const IalsParams& p) {
  const Eigen::Index k = y.rows();
  MatrixXf a = y * y.transpose();
  a.diagonal().array() += p.regularization;
  ForRowBlocks(m.rows(), p.threads, [&](std::uint32_t first, std::uint32_t last) {
    VectorXf res(k), dir(k), ad(k);
    for (std::uint32_t r = first; r < last; ++r) {
      auto cols = m.RowIndices(r);
      auto vals = m.RowValues(r);
      auto xr = x.col(r);
      // res = b − A x with b = Σ c·y_j and A = YᵀY + λI + Σ (c − 1)·y_j y_jᵀ.
      res.noalias() = -a * xr;
      for (std::size_t t = 0; t < cols.size(); ++t) {
        if (!(vals[t] > 0)) continue;
        const float c = 1.0f + p.alpha * vals[t];
        const auto yj = y.col(cols[t]);
        res += (c - (c - 1.0f) * yj.dot(xr)) * yj;
      }
      dir = res;
      float rs = res.squaredNorm();
      for (int s = 0; s < p.cg_steps && rs > 1e-20f; ++s) {
        ad.noalias() = a * dir;
        for (std::size_t t = 0; t < cols.size(); ++t) {
          if (!(vals[t] > 0)) continue;
          const auto yj = y.col(cols[t]);
          ad += (p.alpha * vals[t] * yj.dot(dir)) * yj;
        }
        const float denom = dir.dot(ad);
        if (!(denom > 0)) break;
        const float step = rs / denom;
        xr += step * dir;
        res -= step * ad;
        const float next = res.squaredNorm();
        dir = res + (next / rs) * dir;
        rs = next;
      }
    }
  });
}

MatrixXf RandomFactors(Eigen::Index k, Eigen::Index n, float stddev, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  // Uniform on [−h, h] has stddev h/√3; 53 random bits per value, the same on every platform.
  const double h = std::sqrt(3.0) * stddev / std::sqrt(static_cast<double>(k));
  MatrixXf m(k, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index d = 0; d < k; ++d) {
      const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
      m(d, j) = static_cast<float>((2.0 * u - 1.0) * h);
    }
  }
  return m;
}

}  // namespace

IalsModel IalsModel::Fit(const CsrMatrix& user_item, const IalsParams& params, const IterationFn& on_iteration) {
  IalsModel m;
  m.params_ = params;
  const auto k = static_cast<Eigen::Index>(std::max<std::uint32_t>(params.factors, 1));
  m.y_ = RandomFactors(k, user_item.cols(), params.init_stddev, params.seed);
  m.x_ = MatrixXf::Zero(k, user_item.rows());
  const CsrMatrix item_user = user_item.Transposed();
  for (int it = 0; it < params.iterations; ++it) {
    HalfStep(user_item, m.y_, m.x_, params);
    HalfStep(item_user, m.x_, m.y_, params);
    if (on_iteration) {
      m.gram_ = m.y_ * m.y_.transpose();
      on_iteration(it, m);
    }
  }
  m.gram_ = m.y_ * m.y_.transpose();
  return m;
}

VectorXf IalsModel::UserVector(std::span<const std::uint32_t> items, std::span<const float> weights) const {
  const Eigen::Index k = y_.rows();
  VectorXf b = VectorXf::Zero(k);
  MatrixXf a = gram_;
  a.diagonal().array() += params_.regularization;
  bool any = false;
  for (std::size_t t = 0; t < items.size(); ++t) {
    if (items[t] >= this->items() || !(weights[t] > 0)) continue;
    const float c = 1.0f + params_.alpha * weights[t];
    const auto yj = y_.col(items[t]);
    a.selfadjointView<Eigen::Lower>().rankUpdate(yj, c - 1.0f);
    b += c * yj;
    any = true;
  }
  if (!any) return VectorXf::Zero(k);
  return a.selfadjointView<Eigen::Lower>().llt().solve(b);
}

void IalsModel::Score(std::span<const std::uint32_t> items, std::span<const float> weights,
                      std::span<float> scores) const {
  if (empty()) return;
  const VectorXf x = UserVector(items, weights);
  Eigen::Map<Eigen::RowVectorXf> out(scores.data(), y_.cols());
  out.noalias() = x.transpose() * y_;
}

double IalsModel::Loss(const CsrMatrix& user_item) const {
  // Σ over all pairs of (x·y)² is Σ_u xᵀ(YᵀY)x; observed pairs then swap
  // their (x·y)² for c·(1 − x·y)².
  double loss = 0;
  for (std::uint32_t u = 0; u < user_item.rows() && u < x_.cols(); ++u) {
    const auto xu = x_.col(u);
    loss += static_cast<double>(xu.dot(gram_ * xu));
    auto cols = user_item.RowIndices(u);
    auto vals = user_item.RowValues(u);
    for (std::size_t t = 0; t < cols.size(); ++t) {
      if (!(vals[t] > 0) || cols[t] >= items()) continue;
      const double d = xu.dot(y_.col(cols[t]));
      const double c = 1.0 + params_.alpha * vals[t];
      loss += c * (1.0 - d) * (1.0 - d) - d * d;
    }
  }
  return loss + params_.regularization * (static_cast<double>(x_.squaredNorm()) + y_.squaredNorm());
}

}  // namespace echotune::recs
