// Every tunable of the recommendation engine in one place, with the values
// chosen by the offline evaluation (docs/recommendations.md).
#pragma once

#include <cstdint>

#include "recs/ease.h"
#include "recs/ease_lowrank.h"
#include "recs/embeddings.h"
#include "recs/ials.h"
#include "recs/implicit_weights.h"
#include "recs/item_similarity.h"

namespace echotune::recs {

struct HybridWeights {
  float collaborative = 1.0f;
  float content = 0.35f;
  float semantic = 0.5f;
  float mood = 0.6f;       // only when the request names a mood
  float popular = 0.05f;   // a small prior that breaks ties towards known-good tracks
};

struct ModelConfig {
  ImplicitWeightConfig weights;
  // Fewer neighbours than the Last.fm evaluation (200/300): at 100K tracks the
  // build time and memory matter more than the last 1 % of NDCG.
  ItemKnnParams knn{.neighbours = 100, .shrink = 10.0f, .threads = 2};
  Rp3betaParams rp3{.neighbours = 100, .alpha = 1.0f, .beta = 0.35f, .threads = 2};
  // The item-kNN graph joins the blend only up to this many tracks; beyond it
  // collaborative is RP3beta alone (it scored above item-kNN in evaluation).
  std::uint32_t knn_item_limit = 50000;
  EaseParams ease{.lambda = 3000.0f, .dropout = 0.0f, .min_support = 2, .max_items = 6000, .threads = 2};
  // The dense EASE is fitted only when at most this many items have
  // min_support listeners. Beyond it, its low-rank form (ease_lowrank.h)
  // takes its place when ease_lowrank_enabled: fitted after the publish with
  // iALS (ials_background) or inside the build, it re-ranks the candidates
  // the other parts found, at weight blend_ease.
  std::uint32_t ease_item_limit = 6000;
  // Rank 64: at 100K tracks and 2M listens the fit takes 2.7 s of one core
  // and 27 MB (rank 128: 7.2 s, 53 MB).
  bool ease_lowrank_enabled = true;
  LowRankEaseParams ease_lowrank{.lambda = 3000.0f, .rank = 64, .oversample = 16, .power_iterations = 3,
                                 .min_support = 2, .seed = 7};
  // 16 dimensions keep the exact scan over 100K tracks at ~6 MB per query.
  EmbeddingParams embedding{.dim = 16, .oversample = 8, .power_iterations = 1, .tag_weight = 1.0f, .seed = 7};
  // iALS (ials.h), as tuned on the Last.fm validation split. At 2M listens its
  // fit takes longer than the build bar allows, so by default it is trained
  // on a background thread after the model is published and joins the
  // collaborative blend once ready (ials_background); false fits it inside
  // the build. One thread: the other core keeps serving meanwhile.
  bool ials_enabled = true;
  bool ials_background = true;
  IalsParams ials{.factors = 64, .alpha = 4.0f, .regularization = 100.0f, .iterations = 10, .cg_steps = 3,
                  .seed = 7, .threads = 1};
  // Collaborative blend, as evaluated on Last.fm 2K. iALS re-ranks the
  // candidates the other parts found (a dense scan of 100K × 64 factors per
  // request would cost milliseconds).
  float blend_ease = 1.0f, blend_rp3 = 1.0f, blend_knn = 0.5f, blend_ials = 2.0f;
  // iALS and the low-rank EASE re-rank at most this many of the candidates,
  // the best by the other parts' blend so far (0: all). At 100K tracks a
  // heavy listener's graph neighbours are over 10,000 candidates; re-ranking
  // all of them cost 0.75 ms of CPU per request for the low-rank EASE alone.
  std::uint32_t rerank_candidates = 1000;

  HybridWeights hybrid;
  // Inside a pool already drawn from tracks that fit the request's mood or
  // targets, the ranking is the listener's taste: mood and content only nudge.
  HybridWeights hybrid_in_context{.collaborative = 1.0f, .content = 0.3f, .semantic = 0.6f, .mood = 0.25f,
                                  .popular = 0.05f};
  float favourite_genre_boost = 0.15f;  // a track in a favourite genre scores × 1.15
  float energy_level_pull = 0.3f;       // × (1 − 0.3 |energy − energyLevel|)
  // A context pool is widened once when fewer of the results than this carry
  // a collaborative or semantic part (for listeners with history).
  float min_personal_share = 0.6f;
  std::size_t max_per_artist = 2;
  float min_confidence = 0.05f;     // hybrid drops candidates whose blended score is below
  std::size_t pool = 200;           // candidates each strategy hands to hybrid
  double recency_decay_days = 30.0;  // a play weighs exp(-age / 30 days)
  int listens_per_refresh = 5;      // the refresh hook fires every N new listens of a user
  // Hybrid hands its content scan to the spare thread (spare_thread.h) when
  // that thread is idle, and runs it itself otherwise.
  bool hybrid_concurrent = true;
};

}  // namespace echotune::recs
