// The body of POST /api/history, parsed and checked (pure; no I/O).
//
// Skip rule: a listen counts as skipped, stored with
// skipCount 1 and reported as track.skipped, when the client says so with
// "skipped": true (top level or in context), or when it sends a durationMs
// below 30 000 ms. A duration filled in from the catalogue never makes a skip.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/listen.h"
#include "model/track_metadata.h"

namespace echotune::api {

inline constexpr int64_t kSkipThresholdMs = 30'000;
inline constexpr std::size_t kMaxListensPerBatch = 1000;

struct ListenInput {
  model::Listen listen;  // user_id left zero
  bool has_names = false;     // trackName and artistName sent
  bool has_duration = false;  // durationMs sent
  bool skipped = false;
};

// VALIDATION_ERROR naming the field ("listens", "listens[3].playedAt").
core::Result<std::vector<ListenInput>> ParseListens(const boost::json::value& body);

// Fills names/album/duration from `catalogue` (any order) where they were not
// sent. VALIDATION_ERROR "listens[i].trackName" for a track the catalogue does
// not know and that came without names.
core::Status FillFromCatalogue(std::vector<ListenInput>& inputs,
                               const std::vector<model::TrackMetadata>& catalogue);

}  // namespace echotune::api
