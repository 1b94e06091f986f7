#include "recs/strategy_context.h"

#include <cmath>

namespace echotune::recs {

Exclusions::Exclusions(const ItemModel& items, const UserProfile* profile,
                       const RecRequest& request, std::span<const std::uint8_t> allowed)
    : allowed_(allowed) {
  if (profile) {
    for (const ItemStats& s : profile->stats()) {
      if (!request.include_known || s.feedback == Feedback::kDislike) ids_.push_back(s.item);
    }
  }
  for (const std::string& id : request.recently_served) {
    if (auto i = items.Find(id)) ids_.push_back(*i);
  }
  std::sort(ids_.begin(), ids_.end());
  ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
}

namespace {

std::vector<Scored> TopOf(std::span<const float> scores, const StrategyInput& in) {
  auto skip = [&](std::uint32_t i) { return !std::isfinite(scores[i]) || in.exclude.Contains(i); };
  if (!in.only) return TopKDense(scores, in.pool, skip);
  return TopKListed(*in.only, scores, in.pool, skip);
}

}  // namespace

std::vector<Pick> PicksFromScores(std::span<const float> scores, const StrategyInput& in) {
  auto top = TopOf(scores, in);
  std::vector<Pick> picks;
  picks.reserve(top.size());
  const float best = top.empty() ? 1.0f : top.front().score;
  for (const Scored& s : top) picks.push_back({s.id, s.score / best});
  return picks;
}

std::span<float> ScratchScores(Scratch slot, std::size_t n) {
  thread_local std::vector<float> buffers[2];
  std::vector<float>& b = buffers[static_cast<std::size_t>(slot)];
  if (b.size() < n) b.resize(n);
  return {b.data(), n};
}

std::vector<std::uint32_t> SeedItems(const StrategyInput& in) {
  std::vector<std::uint32_t> out;
  for (const std::string& id : in.request.seed_tracks) {
    if (auto i = in.items.Find(id)) out.push_back(*i);
  }
  return out;
}

}  // namespace echotune::recs
