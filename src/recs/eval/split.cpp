#include "recs/eval/split.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace echotune::recs::eval {
namespace {

std::size_t HoldoutCount(std::size_t n, double fraction) {
  if (n < 2) return 0;
  auto k = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(n)));
  return std::clamp<std::size_t>(k, 1, n - 1);
}

// Fisher–Yates with an explicit bounded draw: std::shuffle's algorithm is
// implementation-defined, this one is not.
void Shuffle(std::vector<std::uint32_t>& v, std::mt19937_64& rng) {
  for (std::size_t i = v.size(); i > 1; --i) {
    std::size_t j = static_cast<std::size_t>(rng() % i);
    std::swap(v[i - 1], v[j]);
  }
}

}  // namespace

Split RandomSplit(const CsrMatrix& interactions, double test_fraction, std::uint64_t seed) {
  Split s;
  s.test.resize(interactions.rows());
  std::vector<Triplet> train;
  std::vector<std::uint32_t> order;
  for (std::uint32_t u = 0; u < interactions.rows(); ++u) {
    auto cols = interactions.RowIndices(u);
    auto vals = interactions.RowValues(u);
    order.resize(cols.size());
    for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::mt19937_64 rng(seed * 1000003ULL + u);
    Shuffle(order, rng);
    std::size_t held = HoldoutCount(order.size(), test_fraction);
    for (std::size_t k = 0; k < order.size(); ++k) {
      if (k < held) {
        s.test[u].push_back(cols[order[k]]);
      } else {
        train.push_back({u, cols[order[k]], vals[order[k]]});
      }
    }
    std::sort(s.test[u].begin(), s.test[u].end());
  }
  s.train = CsrMatrix::FromTriplets(interactions.rows(), interactions.cols(), std::move(train));
  return s;
}

}  // namespace echotune::recs::eval
