// The query of GET /api/recommendations, parsed and checked, and the cache key
// it is served under. Pure; no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "http/request.h"
#include "recs/types.h"

namespace echotune::api {

inline constexpr int kMaxRecsLimit = 50;

struct RecsQuery {
  recs::Strategy strategy = recs::Strategy::kHybrid;
  bool strategy_given = false;  // false: the listener's recommendationStrategy setting decides
  int limit = 20;   // 1–50
  int offset = 0;   // >= 0; offset + limit is capped at the engine's 100
  std::vector<std::string> seed_tracks;
  std::vector<std::string> seed_genres;  // at most 5; the pool is drawn from these genres
  std::optional<double> target_energy, target_valence;  // 0–1
  std::string mood;  // "" or a known mood/activity
  // Not parameters of the API (the command line sets them).
  std::string query;           // free text for the semantic part
  bool include_known = false;  // allow tracks the user already played
};

// An integer query parameter in [min, max]; `fallback` when absent;
// VALIDATION_ERROR naming it otherwise.
core::Result<int> IntQueryParam(const http::Request& req, std::string_view name, int fallback, int min,
                                int max);

// VALIDATION_ERROR naming the parameter ("limit", "target_energy", "mood", …).
core::Result<RecsQuery> ParseRecsQuery(const http::Request& req);

// RecsKey(userId, strategy or "default" when the query names none, limit),
// followed by ":" and the other parameters
// when any is present, so every distinct query has its own key under the
// user's recs:{userId}: prefix (one InvalidateUserRecs clears them all).
std::string RecsCacheKey(std::string_view user_id, const RecsQuery& q);

// The request for the engine (targets, seeds, mood); limit and exclusions are
// set by the caller.
recs::RecRequest ToRecRequest(std::string_view user_id, const RecsQuery& q);

}  // namespace echotune::api
