// YourLibrary.json and Playlist*.json of a Spotify export, read into plain structs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace echotune::ingest {

struct ExportTrackRef {
  std::optional<std::string> track_id;  // from the track URI when it is a Spotify track
  std::string name;
  std::string artist;
  std::string album;
  std::optional<core::TimePoint> added_at;  // playlists only, when the export has addedDate
};

struct ExportLibrary {
  std::vector<ExportTrackRef> saved_tracks;   // "tracks": the Liked Songs
  std::vector<ExportTrackRef> banned_tracks;  // "bannedTracks": hidden / disliked
};

struct ExportPlaylist {
  std::string name;
  std::string description;
  std::optional<core::TimePoint> last_modified;
  std::vector<ExportTrackRef> tracks;  // music items, in playlist order
  size_t skipped_items = 0;            // episodes, audiobooks, local files without names
};

// Parses YourLibrary.json. VALIDATION_ERROR "file:line:column: …" when unreadable,
// malformed, or not an object with a "tracks" array.
core::Result<ExportLibrary> ReadExportLibrary(const std::string& path);
// The same for `text`, the content of the file `path` (named in errors).
core::Result<ExportLibrary> ParseExportLibrary(std::string text, const std::string& path);

// Parses a Playlist*.json. VALIDATION_ERROR when unreadable, malformed, or not an
// object with a "playlists" array.
core::Result<std::vector<ExportPlaylist>> ReadExportPlaylists(const std::string& path);
// The same for `text`, the content of the file `path` (named in errors).
core::Result<std::vector<ExportPlaylist>> ParseExportPlaylists(std::string text, const std::string& path);

}  // namespace echotune::ingest
