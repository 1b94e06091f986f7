#include "recs/user_profile.h"

#include <algorithm>
#include <functional>

namespace echotune::recs {
namespace {

const ItemStats* FindStats(const std::vector<ItemStats>& stats, std::uint32_t item) {
  auto it = std::lower_bound(stats.begin(), stats.end(), item,
                             [](const ItemStats& s, std::uint32_t i) { return s.item < i; });
  return it != stats.end() && it->item == item ? &*it : nullptr;
}

ItemStats MakeStats(std::uint32_t item) {
  ItemStats s;
  s.item = item;
  return s;
}

}  // namespace

void UserProfile::Add(const Interaction& event, std::uint32_t item, const ImplicitWeightConfig& config) {
  auto it = std::lower_bound(stats_.begin(), stats_.end(), item,
                             [](const ItemStats& s, std::uint32_t i) { return s.item < i; });
  if (it == stats_.end() || it->item != item) it = stats_.insert(it, MakeStats(item));
  Accumulate(*it, event);
  listens_ += static_cast<std::uint64_t>(std::max(0, event.play_count));
  Reweigh(config);
}

UserProfile UserProfile::FromEvents(std::vector<std::pair<std::uint32_t, const Interaction*>> events,
                                    const ImplicitWeightConfig& config) {
  // Events point into one vector in input order, so ordering ties by address
  // is a stable sort by item without stable_sort's buffer.
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : std::less<>{}(a.second, b.second);
  });
  UserProfile p;
  for (const auto& [item, event] : events) {
    if (p.stats_.empty() || p.stats_.back().item != item) p.stats_.push_back(MakeStats(item));
    Accumulate(p.stats_.back(), *event);
    p.listens_ += static_cast<std::uint64_t>(std::max(0, event->play_count));
  }
  p.Reweigh(config);
  return p;
}

// Rebuilding the two weight arrays is O(history) per event; histories are
// short (hundreds) compared with the cost of a recommendation.
void UserProfile::Reweigh(const ImplicitWeightConfig& config) {
  items_.clear();
  weights_.clear();
  for (const ItemStats& s : stats_) {
    float w = ImplicitWeight(s, config);
    if (w <= 0) continue;
    items_.push_back(s.item);
    weights_.push_back(w);
  }
}

bool UserProfile::Knows(std::uint32_t item) const {
  return FindStats(stats_, item) != nullptr;
}

bool UserProfile::Dislikes(std::uint32_t item) const {
  const ItemStats* s = FindStats(stats_, item);
  return s && s->feedback == Feedback::kDislike;
}

}  // namespace echotune::recs
