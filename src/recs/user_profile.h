// UserProfile: one user's history as the model sees it — per-track tallies,
// implicit weights and the disliked set — in compact sorted arrays.
// Immutable once shared: updates build a new profile (copy-on-write), so a
// reader holding a shared_ptr<const UserProfile> never sees a change.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "recs/implicit_weights.h"

namespace echotune::recs {

class UserProfile {
 public:
  UserProfile() = default;

  // Folds in one interaction with the model's dense id of its track.
  // O(history) per call: the incremental path.
  void Add(const Interaction& event, std::uint32_t item, const ImplicitWeightConfig& config);

  // The bulk path: the same result as calling Add for each (item, event) in
  // order, in O(n log n). REQUIRES: the events point into one array, in
  // ascending address order (so that order is their order).
  static UserProfile FromEvents(std::vector<std::pair<std::uint32_t, const Interaction*>> events,
                                const ImplicitWeightConfig& config);

  // Items with a positive weight, ascending, and their weights (same length).
  std::span<const std::uint32_t> items() const { return items_; }
  std::span<const float> weights() const { return weights_; }
  // Every tally (including disliked and zero-weight tracks), ascending by item.
  std::span<const ItemStats> stats() const { return stats_; }

  bool Knows(std::uint32_t item) const;     // any interaction at all
  bool Dislikes(std::uint32_t item) const;  // latest feedback is a dislike
  std::uint64_t listens() const { return listens_; }

  bool operator==(const UserProfile&) const = default;

 private:
  void Reweigh(const ImplicitWeightConfig& config);

  std::vector<ItemStats> stats_;
  std::vector<std::uint32_t> items_;
  std::vector<float> weights_;
  std::uint64_t listens_ = 0;
};

}  // namespace echotune::recs
