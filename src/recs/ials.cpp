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

float RowReg(const IalsParams& p, std::size_t n) {
  if (p.reg_exponent == 0.0f) return p.regularization;
  return p.regularization * std::pow(static_cast<float>(std::max<std::size_t>(n, 1)), p.reg_exponent);
}

std::size_t Observed(std::span<const float> vals) {
  return static_cast<std::size_t>(std::count_if(vals.begin(), vals.end(), [](float v) { return v > 0; }));
}

// One half-step: every column of `x` (one per row of `m`) moves towards the
// solution of its normal equations against the fixed `y`, by params.cg_steps
// conjugate-gradient steps from where it is.
void HalfStep(const CsrMatrix& m, const MatrixXf& y, MatrixXf& x, const IalsParams& p) {
  const Eigen::Index k = y.rows();
  const MatrixXf a = y * y.transpose();
  ForRowBlocks(m.rows(), p.threads, [&](std::uint32_t first, std::uint32_t last) {
    VectorXf res(k), dir(k), ad(k);
    for (std::uint32_t r = first; r < last; ++r) {
      auto cols = m.RowIndices(r);
      auto vals = m.RowValues(r);
      auto xr = x.col(r);
      const float reg = RowReg(p, Observed(vals));
      // res = b − A x with b = Σ c·y_j and A = YᵀY + λ_r I + Σ (c − 1)·y_j y_jᵀ.
      res.noalias() = -a * xr;
      res -= reg * xr;
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
        ad += reg * dir;
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

IalsModel IalsModel::Fit(const CsrMatrix& user_item, const IalsParams& params, const IterationFn& on_iteration,
                         std::stop_token stop) {
  IalsModel m;
  m.params_ = params;
  const auto k = static_cast<Eigen::Index>(std::max<std::uint32_t>(params.factors, 1));
  m.y_ = RandomFactors(k, user_item.cols(), params.init_stddev, params.seed);
  m.x_ = MatrixXf::Zero(k, user_item.rows());
  const CsrMatrix item_user = user_item.Transposed();
  for (int it = 0; it < params.iterations && !stop.stop_requested(); ++it) {
    HalfStep(user_item, m.y_, m.x_, params);
    if (stop.stop_requested()) break;
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
  bool any = false;
  std::size_t observed = 0;
  for (std::size_t t = 0; t < items.size(); ++t) {
    if (items[t] >= this->items() || !(weights[t] > 0)) continue;
    const float c = 1.0f + params_.alpha * weights[t];
    const auto yj = y_.col(items[t]);
    a.selfadjointView<Eigen::Lower>().rankUpdate(yj, c - 1.0f);
    b += c * yj;
    any = true;
    ++observed;
  }
  if (!any) return VectorXf::Zero(k);
  a.diagonal().array() += RowReg(params_, observed);
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
    auto cols = user_item.RowIndices(u);
    auto vals = user_item.RowValues(u);
    loss += static_cast<double>(xu.dot(gram_ * xu)) + RowReg(params_, Observed(vals)) * xu.squaredNorm();
    for (std::size_t t = 0; t < cols.size(); ++t) {
      if (!(vals[t] > 0) || cols[t] >= items()) continue;
      const double d = xu.dot(y_.col(cols[t]));
      const double c = 1.0 + params_.alpha * vals[t];
      loss += c * (1.0 - d) * (1.0 - d) - d * d;
    }
  }
  const CsrMatrix item_user = user_item.Transposed();
  for (std::uint32_t i = 0; i < item_user.rows() && i < y_.cols(); ++i) {
    loss += RowReg(params_, Observed(item_user.RowValues(i))) * y_.col(i).squaredNorm();
  }
  return loss;
}

}  // namespace echotune::recs
