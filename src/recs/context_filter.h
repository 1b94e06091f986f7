// ContextFilter: the hard part of a request's context, as a per-track test.
// A track fits when it lies inside the mood's feature bands and tempo band,
// within a tolerance of each target (target_energy …), in one of the
// required genres (the seed genres; for a listener without catalogued
// history, the favourite genres), in none of the disliked genres, and is not
// explicit when the listener asked for no explicit content. The tolerance
// widens step by step (Widening) when too few tracks fit.
//
// Genre names are matched case-insensitively; an unknown name matches the
// closest catalogue genres (all its words, else any of them), reported in
// genre_matches().
//
// Immutable after construction; thread-safe to read. REQUIRES: `items`
// outlives the filter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "recs/context_mask.h"
#include "recs/item_model.h"
#include "recs/moods.h"
#include "recs/types.h"

namespace echotune::recs {

class ContextFilter final {
 public:
  // Targets fit within ±kTargetTolerance at step 0; every band (targets and
  // mood bands) grows by Widening(step) on each side after that.
  static constexpr float kTargetTolerance = 0.1f;
  static constexpr int kSteps = 4;
  // Tempo widens by this many BPM per unit of widening (0.05 → 5 BPM).
  static constexpr float kTempoScale = 100.0f;
  static float Widening(int step);

  // `personal`: the listener has catalogued history, so favourite genres
  // tilt the ranking instead of drawing the pool.
  ContextFilter(const ItemModel& items, const RecRequest& request, bool personal);

  // Anything to filter on at all (bands, genres, explicit).
  bool active() const {
    return banded() || requires_genres() || !disliked_.empty() || no_explicit_;
  }
  // The request asked for a mood or targets (the part that widens).
  bool banded() const { return !bands_.empty() || tempo_.has_value(); }
  bool requires_genres() const { return !required_.empty(); }
  // The pool was shaped by what the listener asked for or likes (meta.context.applied).
  bool applied() const { return banded() || requires_genres(); }

  using Mask = ContextMask;
  // REQUIRES: 0 <= step < kSteps. Without bands, only genres, disliked
  // genres and explicit content count. The mask comes from the snapshot's
  // MaskCache when an equal context was asked for lately (a catalogue scan
  // otherwise); it stays valid as long as the caller holds it.
  std::shared_ptr<const Mask> Fit(int step, bool with_genres, bool with_bands = true) const;

  // The listener's favourite genres (resolved), for tilting the ranking.
  bool InFavourite(std::uint32_t item) const { return InAny(item, favourite_); }
  bool InRequired(std::uint32_t item) const { return InAny(item, required_); }
  const std::vector<std::uint32_t>& favourite_genres() const { return favourite_; }
  const std::vector<std::uint32_t>& required_genres() const { return required_; }
  const std::vector<GenreMatch>& genre_matches() const { return matches_; }

 private:
  struct Band {
    FeatureId feature;
    float lo, hi;  // raw values at step 0
    float scale;   // raw units per 0–1 unit of widening (BPM, dB …)
  };
  bool InAny(std::uint32_t item, const std::vector<std::uint32_t>& genres) const;
  bool FitsBands(std::uint32_t item, float widening) const;
  Mask Scan(int step, bool with_genres, bool with_bands) const;
  // Everything Scan depends on, as bytes (the MaskCache key).
  std::string Key(int step, bool with_genres, bool with_bands) const;
  std::vector<std::uint32_t> Resolve(const std::vector<std::string>& names, bool report);

  const ItemModel& items_;
  std::vector<Band> bands_;
  std::optional<std::pair<float, float>> tempo_;                // the mood's BPM band
  std::vector<std::uint32_t> required_, disliked_, favourite_;  // sorted genre ids
  bool no_explicit_ = false;
  std::vector<GenreMatch> matches_;
};

}  // namespace echotune::recs
