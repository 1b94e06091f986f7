#include <algorithm>

#include "recs/item_similarity.h"
#include "recs/strategies.h"

namespace echotune::recs {
namespace {

// dst += weight · src / max(src over allowed items); src is cleared.
void AddNormalised(std::span<float> dst, std::span<float> src, float weight, const Exclusions& exclude) {
  float mx = 0;
  for (std::uint32_t i = 0; i < src.size(); ++i) {
    if (src[i] > mx && !exclude.Contains(i)) mx = src[i];
  }
  const float k = mx > 0 ? weight / mx : 0.0f;
  for (std::size_t i = 0; i < src.size(); ++i) {
    dst[i] += k * src[i];
    src[i] = 0.0f;
  }
}

// A model that re-ranks the candidates the other parts found (total > 0)
// instead of scoring every item: score(i) for the best `in.config.
// rerank_candidates` of them by their total so far, normalised to the best
// non-excluded one, added at `weight`. Only positive affinities add.
template <typename ScoreFn>
void AddReranked(std::span<float> total, std::uint32_t limit, float weight, const StrategyInput& in, ScoreFn score) {
  std::vector<std::uint32_t> candidates;
  const std::uint32_t n = std::min<std::uint32_t>(limit, static_cast<std::uint32_t>(total.size()));
  for (std::uint32_t i = 0; i < n; ++i) {
    if (total[i] > 0) candidates.push_back(i);
  }
  const std::size_t cap = in.config.rerank_candidates;
  if (cap > 0 && candidates.size() > cap) {
    std::nth_element(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(cap), candidates.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return total[a] > total[b] || (total[a] == total[b] && a < b); });
    candidates.resize(cap);
  }
  std::vector<std::pair<std::uint32_t, float>> scored;
  scored.reserve(candidates.size());
  float mx = 0;
  for (std::uint32_t i : candidates) {
    const float s = score(i);
    if (!(s > 0)) continue;
    scored.emplace_back(i, s);
    if (s > mx && !in.exclude.Contains(i)) mx = s;
  }
  if (!(mx > 0)) return;
  for (const auto& [i, s] : scored) total[i] += weight * s / mx;
}

// iALS: the user's folded-in vector against the candidates' factors.
void AddIals(const IalsModel& ials, std::span<const std::uint32_t> items, std::span<const float> weights,
             float weight, const StrategyInput& in, std::span<float> total) {
  const Eigen::VectorXf x = ials.UserVector(items, weights);
  if (x.isZero()) return;
  AddReranked(total, ials.items(), weight, in, [&](std::uint32_t i) { return x.dot(ials.item_factors().col(i)); });
}

// The low-rank EASE stands in for the dense one on large catalogues, on the
// candidates like iALS: scoring every item would cost items × rank
// multiplications per request.
void AddLowRankEase(const LowRankEaseModel& ease, std::span<const std::uint32_t> items,
                    std::span<const float> weights, float weight, const StrategyInput& in, std::span<float> total) {
  const std::vector<float> projection = ease.Project(items, weights);
  AddReranked(total, static_cast<std::uint32_t>(total.size()), weight, in,
              [&](std::uint32_t i) { return ease.ScoreOne(projection, i); });
}

std::vector<std::uint32_t> History(const StrategyInput& in) {
  std::vector<std::uint32_t> items;
  if (in.profile) items.assign(in.profile->items().begin(), in.profile->items().end());
  for (std::uint32_t s : SeedItems(in)) items.push_back(s);
  return items;
}

}  // namespace

std::optional<std::uint32_t> CollaborativeAnchor(const StrategyInput& in, std::uint32_t pick) {
  std::optional<std::uint32_t> best;
  float best_w = 0;
  for (std::uint32_t i : History(in)) {
    if (!in.items.catalogued(i)) continue;  // no name to give
    float w = GraphWeight(in.items.rp3(), i, pick);
    if (in.items.knn().rows() > i) w = std::max(w, GraphWeight(in.items.knn(), i, pick));
    if (w > best_w) best_w = w, best = i;
  }
  return best;
}

// "Because you listen to Artist – Track": the history item most similar to the pick.
std::string ExplainCollaborative(const StrategyInput& in, std::uint32_t pick) {
  auto best = CollaborativeAnchor(in, pick);
  if (!best) return "Listeners with taste like yours play this";
  const TrackMeta& m = in.items.meta(*best);
  return "Because you listen to " + (m.artist.empty() ? m.name : m.artist + " – " + m.name);
}

std::vector<Pick> Collaborative(const StrategyInput& in) {
  std::vector<std::uint32_t> items;
  std::vector<float> weights;
  if (in.profile) {
    items.assign(in.profile->items().begin(), in.profile->items().end());
    weights.assign(in.profile->weights().begin(), in.profile->weights().end());
  }
  const float seed_w = weights.empty() ? 1.0f : *std::max_element(weights.begin(), weights.end());
  for (std::uint32_t s : SeedItems(in)) items.push_back(s), weights.push_back(seed_w);
  if (items.empty()) return {};
  const ModelConfig& c = in.config;
  std::span<float> total = ScratchScores(Scratch::kScores, in.items.size());
  std::span<float> part = ScratchScores(Scratch::kPart, in.items.size());
  std::fill(total.begin(), total.end(), 0.0f);
  std::fill(part.begin(), part.end(), 0.0f);
  if (!in.items.ease().empty() && c.blend_ease > 0) {
    in.items.ease().Score(items, weights, part);
    AddNormalised(total, part, c.blend_ease, in.exclude);
  }
  ScatterNeighbours(in.items.rp3(), items, weights, part);
  AddNormalised(total, part, c.blend_rp3, in.exclude);
  if (in.items.knn().rows() == in.items.size()) {
    ScatterNeighbours(in.items.knn(), items, weights, part);
    AddNormalised(total, part, c.blend_knn, in.exclude);
  }
  if (auto ease = in.items.lowrank_ease(); ease && in.items.ease().empty() && c.blend_ease > 0) {
    AddLowRankEase(*ease, items, weights, c.blend_ease, in, total);
  }
  if (auto ials = in.items.ials(); ials && c.blend_ials > 0) AddIals(*ials, items, weights, c.blend_ials, in, total);
  return PicksFromScores(total, in);
}

}  // namespace echotune::recs
