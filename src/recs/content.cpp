#include <algorithm>
#include <cmath>

#include "recs/moods.h"
#include "recs/strategies.h"

namespace echotune::recs {
namespace {

// How much each standardised feature counts in "sounds like": the perceptual
// ones most, key and time signature hardly at all.
constexpr FeatureArray kContentWeights = {1.0f, 1.0f, 1.2f, 0.7f, 0.3f, 0.5f, 0.5f, 1.0f, 0.5f, 0.05f, 0.2f, 0.1f};
constexpr float kTargetEmphasis = 3.0f;  // an explicit target counts three times

}  // namespace

std::optional<FeatureArray> TasteVector(const StrategyInput& in) {
  if (!in.profile) return std::nullopt;
  FeatureArray taste{};
  double total = 0;
  const double tau_ms = in.config.recency_decay_days * 86'400'000.0;
  auto stds = in.items.standardised();
  for (std::size_t k = 0; k < in.profile->items().size(); ++k) {
    std::uint32_t i = in.profile->items()[k];
    if (!in.items.has_features(i)) continue;
    const ItemStats& s = *std::lower_bound(in.profile->stats().begin(), in.profile->stats().end(), i,
                                           [](const ItemStats& a, std::uint32_t b) { return a.item < b; });
    double age = std::max<double>(0.0, static_cast<double>(in.request.now_ms - s.last_played_ms));
    double w = std::max(1u, s.plays) * std::exp(-age / tau_ms);
    total += w;
    for (std::size_t f = 0; f < kFeatureCount; ++f) taste[f] += static_cast<float>(w * stds[i * kFeatureCount + f]);
  }
  if (total <= 0) return std::nullopt;
  for (float& v : taste) v = static_cast<float>(v / total);
  return taste;
}

// Feature-major in blocks: each block's distances stay in L1 while every
// weighted feature column streams through once, so memory traffic is one read
// of the features and one write of the scores.
void FeatureMatchScan(const ItemModel& items, const FeatureArray& target, const FeatureArray& weights,
                      std::span<float> scores) {
  constexpr std::size_t kBlock = 1024;
  float wsum = 0;
  for (float w : weights) wsum += w;
  const float inv = wsum > 0 ? 1.0f / wsum : 1.0f;
  const std::size_t n = items.size();
  float d[kBlock];
  for (std::size_t first = 0; first < n; first += kBlock) {
    const std::size_t len = std::min(kBlock, n - first);
    std::fill(d, d + len, 0.0f);
    for (std::size_t f = 0; f < kFeatureCount; ++f) {
      if (weights[f] == 0.0f) continue;
      const float* x = items.standardised_column(static_cast<FeatureId>(f)).data() + first;
      const float t = target[f], w = weights[f];
      for (std::size_t i = 0; i < len; ++i) d[i] += w * (x[i] - t) * (x[i] - t);
    }
    for (std::size_t i = 0; i < len; ++i) {
      const auto item = static_cast<std::uint32_t>(first + i);
      scores[first + i] = items.has_features(item) ? 1.0f / (1.0f + d[i] * inv) : 0.0f;
    }
  }
}

void FeatureMatchScan(const StrategyInput& in, const FeatureArray& target, const FeatureArray& weights,
                      std::span<float> scores) {
  if (!in.only) return FeatureMatchScan(in.items, target, weights, scores);
  float wsum = 0;
  for (float w : weights) wsum += w;
  const float inv = wsum > 0 ? 1.0f / wsum : 1.0f;
  auto stds = in.items.standardised();
  for (std::uint32_t i : *in.only) {
    if (!in.items.has_features(i)) {
      scores[i] = 0.0f;
      continue;
    }
    const float* x = stds.data() + static_cast<std::size_t>(i) * kFeatureCount;
    float d = 0;
    for (std::size_t f = 0; f < kFeatureCount; ++f) d += weights[f] * (x[f] - target[f]) * (x[f] - target[f]);
    scores[i] = 1.0f / (1.0f + d * inv);
  }
}

std::vector<Pick> Content(const StrategyInput& in) {
  std::optional<FeatureArray> taste = TasteVector(in);
  if (!taste && in.request.targets.empty()) return {};
  FeatureArray target = taste.value_or(FeatureArray{});
  FeatureArray weights = kContentWeights;
  if (!taste) weights.fill(0.0f);
  for (const auto& [f, raw] : in.request.targets) {
    auto k = static_cast<std::size_t>(f);
    target[k] = in.items.Standardise(f, raw);
    weights[k] = kContentWeights[k] * kTargetEmphasis + 0.1f;
  }
  std::span<float> scores = ScratchScores(Scratch::kScores, in.items.size());
  FeatureMatchScan(in, target, weights, scores);
  auto picks = PicksFromScores(scores, in);
  for (Pick& p : picks) p.score = scores[p.item];  // keep the absolute match, already 0–1
  return picks;
}

std::string ExplainContent(const StrategyInput& in, std::uint32_t item) {
  std::string what = DescribeFeatures(in.items.features(item));
  return in.request.targets.empty() ? "Sounds like what you play: " + what : "Matches your targets: " + what;
}

}  // namespace echotune::recs
