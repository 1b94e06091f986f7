// PATCH /api/playlists/{id}: the body, parsed, and its effect on a track list.
// Pure; no I/O.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/playlist.h"
#include "model/track_metadata.h"

namespace echotune::api {

struct TrackMove {
  int64_t from = 0;
  int64_t to = 0;
};

struct PlaylistEdit {
  std::optional<std::string> name;         // non-empty when present
  std::optional<std::string> description;
  std::vector<std::string> add;            // track ids appended (ones already there are skipped)
  std::vector<std::string> remove;         // every occurrence removed
  std::optional<TrackMove> move;           // applied last, on the list after remove and add

  bool changes_tracks() const { return !add.empty() || !remove.empty() || move.has_value(); }
};

// VALIDATION_ERROR naming the field ("name", "add[2]", "move.from", "body").
core::Result<PlaylistEdit> ParsePlaylistEdit(const boost::json::value& body);

// remove, then add (names from `catalogue`; an id it lacks is VALIDATION_ERROR
// "add[i]"), then move (VALIDATION_ERROR "move.from"/"move.to" when out of
// range). Positions end as 0..n-1.
core::Status ApplyTrackEdits(std::vector<model::PlaylistTrack>& tracks, const PlaylistEdit& edit,
                             const std::vector<model::TrackMetadata>& catalogue);

}  // namespace echotune::api
