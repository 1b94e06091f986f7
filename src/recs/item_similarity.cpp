#include "recs/item_similarity.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <thread>
#include <vector>

#include "recs/top_k.h"

namespace echotune::recs {
namespace {

using Row = std::vector<std::pair<std::uint32_t, float>>;

// Below every similarity: marks the item itself, and "no floor".
constexpr float kNone = -1e30f;

// Most of an item's two-hop candidates are weak. A threshold estimated from an
// evenly spaced sample (rank 2k·sample/n of it) filters them before the exact
// selection; the result is still exact because everything at or above the
// threshold is kept, and when fewer than k pass, all candidates are used.
float SampledThreshold(std::span<const float> vals, std::uint32_t k, std::vector<float>& sample) {
  constexpr std::size_t kSample = 256;
  if (vals.size() <= 4 * std::size_t{k} || vals.size() <= 2 * kSample) return kNone;
  sample.clear();
  const std::size_t stride = vals.size() / kSample;
  for (std::size_t s = 0; s < kSample; ++s) sample.push_back(vals[s * stride]);
  std::size_t rank = std::min(kSample - 1, 2 * std::size_t{k} * kSample / vals.size() + 1);
  std::nth_element(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(rank), sample.end(), std::greater<>());
  return sample[rank];
}

// One thread's scratch for the two-hop kernel: a dense accumulator, a seen
// flag per item, the list of touched items and their similarities (sized for
// all items, so the inner loop appends without a capacity check or a branch).
struct TwoHopScratch {
  explicit TwoHopScratch(std::uint32_t n) : acc(n, 0.0f), seen(n, 0), touched(n), vals(n) {}
  std::vector<float> acc;
  std::vector<std::uint8_t> seen;
  std::vector<std::uint32_t> touched;
  std::vector<float> vals;
  std::size_t count = 0;
  std::vector<float> sample;
  std::vector<Scored> cand;
};

// acc[j] += left(i,u) * right(u,j) over item i's users u: the build's hot loop.
void Accumulate(const CsrMatrix& item_user, const CsrMatrix& user_item, std::uint32_t i, TwoHopScratch& s) {
  float* acc = s.acc.data();
  std::uint8_t* seen = s.seen.data();
  std::uint32_t* touched = s.touched.data();
  std::size_t count = s.count;
  auto users = item_user.RowIndices(i);
  auto left = item_user.RowValues(i);
  for (std::size_t a = 0; a < users.size(); ++a) {
    const std::uint32_t* items = user_item.RowIndices(users[a]).data();
    const float* right = user_item.RowValues(users[a]).data();
    const std::size_t len = user_item.RowSize(users[a]);
    const float l = left[a];
    for (std::size_t b = 0; b < len; ++b) {
      const std::uint32_t j = items[b];
      touched[count] = j;
      count += seen[j] ^ 1u;
      seen[j] = 1;
      acc[j] += l * right[b];
    }
  }
  s.count = count;
}

// Row i's top `k` by post(i, j, acc[j]) over the touched items j != i, sorted
// by id. One pass turns the accumulator into similarities and clears it; the
// selection then reads them sequentially.
template <typename Post>
Row TopNeighbours(std::uint32_t i, std::uint32_t k, Post& post, TwoHopScratch& s) {
  const std::size_t n = s.count;
  for (std::size_t t = 0; t < n; ++t) {
    const std::uint32_t j = s.touched[t];
    s.vals[t] = j == i ? kNone : post(i, j, s.acc[j]);
    s.acc[j] = 0.0f;
    s.seen[j] = 0;
  }
  s.count = 0;
  std::span<const float> vals(s.vals.data(), n);
  std::vector<Scored>& cand = s.cand;
  for (float floor = SampledThreshold(vals, k, s.sample);; floor = kNone) {
    cand.clear();
    for (std::size_t t = 0; t < n; ++t) {
      if (vals[t] > kNone && vals[t] >= floor) cand.push_back({s.touched[t], vals[t]});
    }
    if (cand.size() >= k || floor <= kNone) break;
  }
  // Only membership matters here, so one nth_element and a sort by id.
  if (cand.size() > k) {
    std::nth_element(cand.begin(), cand.begin() + k, cand.end(), RankOrder{});
    cand.resize(k);
  }
  std::sort(cand.begin(), cand.end(), [](const Scored& x, const Scored& y) { return x.id < y.id; });
  Row row;
  row.reserve(cand.size());
  for (const Scored& c : cand) row.emplace_back(c.id, c.score);
  return row;
}

// The shared two-hop kernel: acc[j] = sum_u left(i,u) * right(u,j), then
// post(i, j, acc[j]) gives the similarity; the top `k` survive. Threads take
// chunks of items from a shared counter (so a thread slowed by other work on
// its core does not hold the rest up), each with its own dense accumulator.
template <typename Post>
std::vector<Row> TwoHopTopK(const CsrMatrix& item_user, const CsrMatrix& user_item, std::uint32_t k,
                            int threads, Post post) {
  constexpr std::uint32_t kChunk = 256;
  const std::uint32_t n = item_user.rows();
  std::vector<Row> rows(n);
  std::atomic<std::uint32_t> next{0};
  auto work = [&] {
    TwoHopScratch s(n);
    for (std::uint32_t first; (first = next.fetch_add(kChunk)) < n;) {
      for (std::uint32_t i = first; i < std::min(n, first + kChunk); ++i) {
        Accumulate(item_user, user_item, i, s);
        rows[i] = TopNeighbours(i, k, post, s);
      }
    }
  };
  std::vector<std::jthread> pool;
  for (int w = 1; w < threads; ++w) pool.emplace_back(work);
  work();
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
