// Top-k selection over scored ids: the one place ranking order is decided
// (score descending, then id ascending so results are deterministic).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace echotune::recs {

struct Scored {
  std::uint32_t id = 0;
  float score = 0;
};

inline bool RanksBefore(const Scored& a, const Scored& b) {
  return a.score != b.score ? a.score > b.score : a.id < b.id;
}

// A function object, so std algorithms inline the comparison (a function
// pointer does not get inlined and costs 2x in the model build).
struct RankOrder {
  bool operator()(const Scored& a, const Scored& b) const { return RanksBefore(a, b); }
};

// Keeps the k best of `items` (in place) and returns them sorted best first.
inline std::vector<Scored> TopK(std::vector<Scored> items, std::size_t k) {
  if (items.size() > k) {
    std::nth_element(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(k), items.end(), RankOrder{});
    items.resize(k);
  }
  std::sort(items.begin(), items.end(), RankOrder{});
  return items;
}

// The k best entries of a dense score array, skipping ids where `skip(id)` holds
// and scores that are not finite or <= floor.
//
// A strided sample of the scores estimates a threshold that about 2k entries
// pass; one branch-light pass collects those, then an exact selection runs on
// them. Exact: if fewer than k pass, it retries with the plain floor.
template <typename Skip>
std::vector<Scored> TopKDense(std::span<const float> scores, std::size_t k, Skip skip, float floor = 0.0f) {
  constexpr std::size_t kSample = 1024;
  float threshold = floor;
  if (k > 0 && scores.size() > 16 * kSample && 4 * k < kSample) {
    std::vector<float> sample;
    sample.reserve(kSample);
    const std::size_t stride = scores.size() / kSample;
    for (std::size_t s = 0; s < kSample; ++s) sample.push_back(scores[s * stride]);
    const std::size_t rank = std::min(kSample - 1, 2 * k * kSample / scores.size() + 4);
    std::nth_element(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(rank), sample.end(),
                     std::greater<float>());
    threshold = std::max(floor, sample[rank]);
  }
  std::vector<Scored> cand;
  while (true) {
    cand.clear();
    for (std::uint32_t i = 0; i < scores.size(); ++i) {
      if (scores[i] >= threshold && scores[i] > floor && !skip(i)) cand.push_back({i, scores[i]});
    }
    if (cand.size() >= k || threshold <= floor) break;
    threshold = floor;
  }
  return TopK(std::move(cand), k);
}

}  // namespace echotune::recs
