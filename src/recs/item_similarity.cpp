#include "recs/item_similarity.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <thread>
#include <vector>

#include "recs/top_k.h"

namespace echotune::recs {
namespace {

using Row = std::vector<std::pair<std::uint32_t, float>>;

// Most of an item's two-hop candidates are weak. A threshold estimated from an
// evenly spaced sample (rank 2k·sample/n of it) filters them before the exact
// selection; the result is still exact because everything at or above the
// threshold is kept, and when fewer than k pass, all candidates are used.
template <typename Post>
float SampledThreshold(const std::vector<std::uint32_t>& touched, std::uint32_t i, std::uint32_t k,
                       const std::vector<float>& acc, Post& post) {
  constexpr std::size_t kSample = 256;
  if (touched.size() <= 4 * std::size_t{k} || touched.size() <= 2 * kSample) return -1e30f;
  std::vector<float> sample;
  sample.reserve(kSample);
  const std::size_t stride = touched.size() / kSample;
  for (std::size_t s = 0; s < kSample; ++s) sample.push_back(post(i, touched[s * stride], acc[touched[s * stride]]));
  std::size_t rank = std::min(kSample - 1, 2 * std::size_t{k} * kSample / touched.size() + 1);
  std::nth_element(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(rank), sample.end(), std::greater<>());
  return sample[rank];
}

// The shared two-hop kernel: acc[j] = sum_u left(i,u) * right(u,j), then
// post(i, j, acc[j]) gives the similarity; the top `k` survive. Items are
// split across threads, each with its own dense accumulator.
template <typename Post>
std::vector<Row> TwoHopTopK(const CsrMatrix& item_user, const CsrMatrix& user_item, std::uint32_t k,
                            int threads, Post post) {
  const std::uint32_t n = item_user.rows();
  std::vector<Row> rows(n);
  auto work = [&](std::uint32_t first, std::uint32_t stride) {
    std::vector<float> acc(n, 0.0f);
    std::vector<std::uint8_t> seen(n, 0);
    std::vector<std::uint32_t> touched;
    std::vector<Scored> cand;
    for (std::uint32_t i = first; i < n; i += stride) {
      auto users = item_user.RowIndices(i);
      auto left = item_user.RowValues(i);
      for (std::size_t a = 0; a < users.size(); ++a) {
        auto items = user_item.RowIndices(users[a]);
        auto right = user_item.RowValues(users[a]);
        for (std::size_t b = 0; b < items.size(); ++b) {
          if (!seen[items[b]]) {
            seen[items[b]] = 1;
            touched.push_back(items[b]);
          }
          acc[items[b]] += left[a] * right[b];
        }
      }
      for (float floor = SampledThreshold(touched, i, k, acc, post);; floor = -1e30f) {
        cand.clear();
        for (std::uint32_t j : touched) {
          float v = post(i, j, acc[j]);
          if (j != i && v >= floor) cand.push_back({j, v});
        }
        if (cand.size() >= k || floor <= -1e30f) break;
      }
      for (std::uint32_t j : touched) acc[j] = 0.0f, seen[j] = 0;
      touched.clear();
      // Only membership matters here, so one nth_element and a sort by id.
      if (cand.size() > k) {
        std::nth_element(cand.begin(), cand.begin() + k, cand.end(), RankOrder{});
        cand.resize(k);
      }
      std::sort(cand.begin(), cand.end(), [](const Scored& x, const Scored& y) { return x.id < y.id; });
      for (const Scored& s : cand) rows[i].emplace_back(s.id, s.score);
    }
  };
  std::vector<std::jthread> pool;
  const int t = std::max(1, threads);
  for (int w = 1; w < t; ++w) pool.emplace_back(work, w, t);
  work(0, static_cast<std::uint32_t>(t));
  return rows;
}

std::vector<float> SquaredNorms(const CsrMatrix& item_user) {
  std::vector<float> out(item_user.rows(), 0.0f);
  for (std::uint32_t i = 0; i < item_user.rows(); ++i) {
    for (float v : item_user.RowValues(i)) out[i] += v * v;
  }
  return out;
}

// Rows of m scaled to sum 1, values raised to `power`.
CsrMatrix RowStochasticPow(CsrMatrix m, float power) {
  for (std::uint32_t r = 0; r < m.rows(); ++r) {
    auto vals = m.MutableRowValues(r);
    float sum = 0;
    for (float v : vals) sum += v;
    for (float& v : vals) v = sum > 0 ? std::pow(v / sum, power) : 0.0f;
  }
  return m;
}

void ScaleRowsToMax(std::vector<Row>& rows) {
  for (Row& row : rows) {
    float mx = 0;
    for (const auto& e : row) mx = std::max(mx, e.second);
    if (mx > 0) {
      for (auto& e : row) e.second /= mx;
    }
  }
}

}  // namespace

CsrMatrix ItemKnn(const CsrMatrix& user_item, const ItemKnnParams& params) {
  CsrMatrix item_user = user_item.Transposed();
  std::vector<float> norm = SquaredNorms(item_user);
  for (float& v : norm) v = std::sqrt(v);
  auto rows = TwoHopTopK(item_user, user_item, params.neighbours, params.threads,
                         [&](std::uint32_t i, std::uint32_t j, float dot) {
                           return dot / (norm[i] * norm[j] + params.shrink + 1e-9f);
                         });
  return CsrMatrix::FromRows(user_item.cols(), rows);
}

CsrMatrix Rp3beta(const CsrMatrix& user_item, const Rp3betaParams& params) {
  CsrMatrix item_user = user_item.Transposed();
  std::vector<float> pop_pow(item_user.rows());
  for (std::uint32_t j = 0; j < item_user.rows(); ++j) {
    float pop = static_cast<float>(item_user.RowSize(j));
    pop_pow[j] = pop > 0 ? std::pow(pop, -params.beta) : 0.0f;
  }
  CsrMatrix p_iu = RowStochasticPow(std::move(item_user), params.alpha);
  CsrMatrix p_ui = RowStochasticPow(user_item, params.alpha);
  auto rows = TwoHopTopK(p_iu, p_ui, params.neighbours, params.threads,
                         [&](std::uint32_t, std::uint32_t j, float v) { return v * pop_pow[j]; });
  ScaleRowsToMax(rows);
  return CsrMatrix::FromRows(user_item.cols(), rows);
}

void ScatterNeighbours(const CsrMatrix& graph, std::span<const std::uint32_t> items,
                       std::span<const float> weights, std::span<float> scores) {
  for (std::size_t a = 0; a < items.size(); ++a) {
    auto cols = graph.RowIndices(items[a]);
    auto vals = graph.RowValues(items[a]);
    const float w = weights[a];
    for (std::size_t b = 0; b < cols.size(); ++b) scores[cols[b]] += w * vals[b];
  }
}

float GraphWeight(const CsrMatrix& graph, std::uint32_t i, std::uint32_t j) {
  auto cols = graph.RowIndices(i);
  auto it = std::lower_bound(cols.begin(), cols.end(), j);
  if (it == cols.end() || *it != j) return 0.0f;
  return graph.RowValues(i)[static_cast<std::size_t>(it - cols.begin())];
}

}  // namespace echotune::recs
