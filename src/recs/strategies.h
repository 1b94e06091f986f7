// The recommendation strategies of SYSTEM.md §6.1. Each is a pure function of
// a model snapshot and a request; none blocks or locks, so any number may run
// at once. Each returns at most in.pool picks, best first, none excluded;
// reasons come from Explain* for the picks that survive.
#pragma once

#include <optional>
#include <vector>

#include "recs/strategy_context.h"

namespace echotune::recs {

// EASE (when fitted) + RP3beta + item-kNN over the user's weighted history and
// seed tracks, each normalised to its best score and blended (config.blend_*).
std::vector<Pick> Collaborative(const StrategyInput& in);

// Nearest tracks to the user's taste vector in standardised audio-feature space;
// request targets (target_energy …) override the matching dimensions.
std::vector<Pick> Content(const StrategyInput& in);

// Nearest tracks in embedding space to the user's history, seed tracks and the
// genre/tag/mood words of request.query.
std::vector<Pick> Semantic(const StrategyInput& in);

// Tracks matching request.mood's target features and tempo band, blended with
// the user's taste when there is history. Empty when the mood is unknown.
std::vector<Pick> MoodBased(const StrategyInput& in);

// Cold start: popular tracks in the user's preferred genres (from history,
// seed tracks or query words), else popular tracks overall.
std::vector<Pick> Popular(const StrategyInput& in);

// Runs the others (concurrently when config.hybrid_concurrent), blends their
// normalised scores with config.hybrid weights, keeps every part.
struct HybridPick {
  std::uint32_t item = 0;
  float score = 0;  // 0–1
  std::vector<ScorePart> parts;
  Strategy lead = Strategy::kHybrid;  // the part that contributed most
};
std::vector<HybridPick> Hybrid(const StrategyInput& in);

// The readable reason why strategy `s` picked `item` for this request
// (computed only for the picks that are finally returned).
std::string Explain(Strategy s, const StrategyInput& in, std::uint32_t item);
std::string ExplainCollaborative(const StrategyInput& in, std::uint32_t item);
std::string ExplainContent(const StrategyInput& in, std::uint32_t item);
std::string ExplainSemantic(const StrategyInput& in, std::uint32_t item);
std::string ExplainMood(const StrategyInput& in, std::uint32_t item);
std::string ExplainPopular(const StrategyInput& in, std::uint32_t item);
// When the request's context drew the pool: what makes the track fit, then
// why it is this listener's ("Calm and acoustic, like the Norah Jones you play").
std::string ExplainInContext(Strategy lead, const StrategyInput& in, std::uint32_t item);

// The catalogued history (or seed) track with the strongest graph link to
// `pick`, if any.
std::optional<std::uint32_t> CollaborativeAnchor(const StrategyInput& in, std::uint32_t pick);

// The user's taste in standardised feature space: the mean of their tracks'
// features weighted by weight × exp(-age / recency_decay_days). nullopt when
// none of their tracks has features.
std::optional<FeatureArray> TasteVector(const StrategyInput& in);

// scores[i] = 1 / (1 + weighted squared distance to target) for items with features.
void FeatureMatchScan(const ItemModel& items, const FeatureArray& target, const FeatureArray& weights,
                      std::span<float> scores);
// The same for in.only's items when set (the rest of `scores` is left unset),
// else for every item.
void FeatureMatchScan(const StrategyInput& in, const FeatureArray& target, const FeatureArray& weights,
                      std::span<float> scores);

}  // namespace echotune::recs
