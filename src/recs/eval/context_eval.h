// The offline context table of `echotune eval` (issue 17): does honouring a
// mood cost relevance? On a data set with audio features (the demo data),
// each listener's catalogued tracks are split 80/20 (seeded); the engine is
// built on the training part; for every mood, the held-out tracks that fit
// the mood (its bands and tempo band) are the relevant set, and three answers
// are scored against it: the hybrid with the mood (the default path), the
// hybrid without it, and the mood_based strategy alone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "recs/rec_engine.h"

namespace echotune::recs::eval {

struct ContextRow {
  std::string mood;
  std::size_t users = 0;  // listeners with at least one held-out track that fits the mood
  // Mean |feature − mood target| over the results' 0–1 target features.
  double distance_context = 0, distance_plain = 0, distance_mood_only = 0;
  // NDCG@10 against the held-out tracks that fit the mood.
  double ndcg_context = 0, ndcg_plain = 0, ndcg_mood_only = 0;
};

struct ContextEvalConfig {
  std::uint64_t seed = 42;
  double test_fraction = 0.2;
  std::size_t min_tracks = 10;  // listeners with fewer catalogued tracks are left out
  std::size_t k = 10;
};

// One row per mood of Moods(). Deterministic for a given seed. CPU-bound
// (one model build and 3 × moods requests per listener).
std::vector<ContextRow> EvaluateContext(const EngineInputs& inputs, const ContextEvalConfig& config);

}  // namespace echotune::recs::eval
