// What every strategy receives, and what it returns: up to `pool` picks with
// scores normalised to 0–1 and a readable reason each.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "recs/item_model.h"
#include "recs/model_config.h"
#include "recs/top_k.h"
#include "recs/user_profile.h"

namespace echotune::recs {

// Items a request must never return: disliked tracks (always), known tracks
// (unless include_known), tracks served to the user in another set within
// the last 24 hours (one sorted id list), and, when `allowed` is not empty,
// every item whose allowed[item] is 0 (tracks that do not fit the context).
// REQUIRES: `allowed` outlives the Exclusions and is empty or has one entry per item.
class Exclusions {
 public:
  Exclusions(const ItemModel& items, const UserProfile* profile, const RecRequest& request,
             std::span<const std::uint8_t> allowed = {});
  bool Contains(std::uint32_t item) const {
    return (!allowed_.empty() && allowed_[item] == 0) || std::binary_search(ids_.begin(), ids_.end(), item);
  }

 private:
  std::vector<std::uint32_t> ids_;
  std::span<const std::uint8_t> allowed_;
};

class ContextFilter;

struct StrategyInput {
  const ItemModel& items;
  const UserProfile* profile;  // null for a user without history
  const RecRequest& request;
  const ModelConfig& config;
  const Exclusions& exclude;
  std::size_t pool;  // how many picks to return
  // The request's context (favourite genres, bands); null when none was built.
  const ContextFilter* context = nullptr;
  // When set: the only items that may be picked (a context pool, ascending;
  // `exclude` excludes every other one too). Scans may then score only these
  // and leave the rest of their score arrays unset.
  const std::vector<std::uint32_t>* only = nullptr;
};

struct Pick {
  std::uint32_t item = 0;
  float score = 0;  // 0–1, the best pick of a strategy scores 1 unless noted
};

// The best `pool` non-excluded items of a dense score array (of in.only's
// items when set), divided by the top score so they lie in (0, 1].
std::vector<Pick> PicksFromScores(std::span<const float> scores, const StrategyInput& in);

// A buffer of n floats owned by the calling thread, reused by its next call
// with the same slot (a request touches a few 100K-float arrays; allocating
// them each time costs more than the scans that fill them). Contents are
// unspecified. Valid until the thread's next call with that slot.
enum class Scratch : std::uint8_t { kScores, kPart };
std::span<float> ScratchScores(Scratch slot, std::size_t n);

// Ids of the request's seed tracks that the model knows.
std::vector<std::uint32_t> SeedItems(const StrategyInput& in);

}  // namespace echotune::recs
