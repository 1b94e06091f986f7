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
    std::nth_element(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(k), items.end(),
                     RankOrder{});
    items.resize(k);
  }
  std::sort(items.begin(), items.end(), RankOrder{});
  return items;
}

// A score that about 2k of n entries reach, estimated from a strided sample
// of 1024 (score_at(s) is the s-th sampled score); `floor` when n is too
// small for sampling to pay.
template <typename ScoreAt>
float SampledThreshold(std::size_t n, std::size_t k, float floor, ScoreAt score_at) {
  constexpr std::size_t kSample = 1024;
  if (k == 0 || n <= 4 * kSample || 4 * k >= kSample) return floor;
  std::vector<float> sample;
  sample.reserve(kSample);
  const std::size_t stride = n / kSample;
  for (std::size_t s = 0; s < kSample; ++s) sample.push_back(score_at(s * stride));
  const std::size_t rank = std::min(kSample - 1, 2 * k * kSample / n + 4);
  std::nth_element(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(rank), sample.end(),
                   std::greater<float>());
  return std::max(floor, sample[rank]);
}

// The k best entries of a dense score array, skipping ids where `skip(id)` holds
// and scores that are not finite or <= floor.
//
// A strided sample of the scores estimates a threshold that about 2k entries
// pass; one branch-light pass collects those, then an exact selection runs on
// them. Exact: if fewer than k pass, it retries with the plain floor.
template <typename Skip>
std::vector<Scored> TopKDense(std::span<const float> scores, std::size_t k, Skip skip,
                              float floor = 0.0f) {
  float threshold =
      SampledThreshold(scores.size(), k, floor, [&](std::size_t i) { return scores[i]; });
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

// The same over the listed ids of a score array (a context pool): only
// scores[id] for id in `ids` are read.
template <typename Skip>
std::vector<Scored> TopKListed(std::span<const std::uint32_t> ids, std::span<const float> scores,
                               std::size_t k, Skip skip, float floor = 0.0f) {
  float threshold =
      SampledThreshold(ids.size(), k, floor, [&](std::size_t s) { return scores[ids[s]]; });
  std::vector<Scored> cand;
  while (true) {
    cand.clear();
    for (std::uint32_t i : ids) {
      if (scores[i] >= threshold && scores[i] > floor && !skip(i)) cand.push_back({i, scores[i]});
    }
    if (cand.size() >= k || threshold <= floor) break;
    threshold = floor;
  }
  return TopK(std::move(cand), k);
}

}  // namespace echotune::recs
