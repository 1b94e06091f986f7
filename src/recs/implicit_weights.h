// Implicit-feedback weights: how listens, repeats, skips and likes of one
// (user, track) pair become one number for the collaborative models.
#pragma once

#include <cstdint>

#include "recs/types.h"

namespace echotune::recs {

// The running tally of one user's interactions with one track.
struct ItemStats {
  std::uint32_t item = 0;
  std::uint32_t plays = 0;
  std::uint32_t skips = 0;
  std::uint32_t repeats = 0;
  std::int64_t last_played_ms = 0;
  Feedback feedback = Feedback::kNone;  // the latest explicit feedback
  bool operator==(const ItemStats&) const = default;
};

// raw = plays·play + repeats·repeat − skips·skip + (like|save)·like, floored at
// 0; weight = log1p(raw / scale). A disliked track weighs 0 and is excluded
// from every model input. Defaults are documented in docs/recommendations.md.
struct ImplicitWeightConfig {
  float play = 1.0f;
  float repeat = 0.5f;
  float skip = 0.75f;
  float like = 3.0f;
  float save = 2.0f;
  float scale = 1.0f;
};

// The weight of one tally under `config`; 0 means "not a positive signal".
float ImplicitWeight(const ItemStats& stats, const ImplicitWeightConfig& config);

// Folds one interaction into a tally (plays, repeats, skips, latest time and
// feedback). Feedback kNone leaves the previous feedback in place.
void Accumulate(ItemStats& stats, const Interaction& event);

}  // namespace echotune::recs
