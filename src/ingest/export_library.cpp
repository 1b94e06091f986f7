#include "ingest/export_library.h"

#include "core/time_format.h"
#include "ingest/json_document.h"
#include "ingest/track_id.h"

namespace echotune::ingest {
namespace {

using simdjson::dom::element;

std::string Str(element object, std::string_view key) {
  return std::string(StringMember(object, key).value_or(""));
}

// A library entry {"artist","album","track","uri"}.
std::optional<ExportTrackRef> LibraryTrack(element item) {
  ExportTrackRef t{SpotifyTrackIdOf(Str(item, "uri")), Str(item, "track"), Str(item, "artist"),
                   Str(item, "album"), std::nullopt};
  if (!t.track_id && (t.name.empty() || t.artist.empty())) return std::nullopt;
  return t;
}

std::vector<ExportTrackRef> LibraryTracks(element root, std::string_view key) {
  std::vector<ExportTrackRef> out;
  simdjson::dom::array items;
  if (root[key].get(items)) return out;
  for (element item : items) {
    if (auto t = LibraryTrack(item)) out.push_back(std::move(*t));
  }
  return out;
}

// A playlist item {"track": {"trackName","artistName","albumName","trackUri"}, "addedDate", …}.
std::optional<ExportTrackRef> PlaylistItem(element item) {
  element track;
  if (item["track"].get(track) || track.is_null()) return std::nullopt;
  ExportTrackRef t{SpotifyTrackIdOf(Str(track, "trackUri")), Str(track, "trackName"), Str(track, "artistName"),
                   Str(track, "albumName"), core::ParseIso8601(Str(item, "addedDate"))};
  if (!t.track_id && (t.name.empty() || t.artist.empty())) return std::nullopt;
  return t;
}

ExportPlaylist Playlist(element p) {
  ExportPlaylist out;
  out.name = Str(p, "name");
  out.description = Str(p, "description");
  out.last_modified = core::ParseIso8601(Str(p, "lastModifiedDate"));
  simdjson::dom::array items;
  if (p["items"].get(items)) return out;
  for (element item : items) {
    if (auto t = PlaylistItem(item)) out.tracks.push_back(std::move(*t));
    else ++out.skipped_items;
  }
  return out;
}

core::Result<ExportLibrary> LibraryOf(core::Result<std::unique_ptr<JsonDocument>> doc) {
  if (!doc.ok()) return std::move(doc).error();
  element root = (*doc)->root();
  if (!root.is_object() || !root["tracks"].is_array()) {
    return (*doc)->ShapeError("expected an object with a \"tracks\" array (YourLibrary.json)");
  }
  return ExportLibrary{LibraryTracks(root, "tracks"), LibraryTracks(root, "bannedTracks")};
}

core::Result<std::vector<ExportPlaylist>> PlaylistsOf(core::Result<std::unique_ptr<JsonDocument>> doc) {
  if (!doc.ok()) return std::move(doc).error();
  element root = (*doc)->root();
  simdjson::dom::array playlists;
  if (!root.is_object() || root["playlists"].get(playlists)) {
    return (*doc)->ShapeError("expected an object with a \"playlists\" array (Playlist*.json)");
  }
  std::vector<ExportPlaylist> out;
  for (element p : playlists) {
    if (p.is_object()) out.push_back(Playlist(p));
  }
  return out;
}

}  // namespace

core::Result<ExportLibrary> ReadExportLibrary(const std::string& path) {
  return LibraryOf(JsonDocument::Load(path));
}

core::Result<ExportLibrary> ParseExportLibrary(std::string text, const std::string& path) {
  return LibraryOf(JsonDocument::Parse(std::move(text), path));
}

core::Result<std::vector<ExportPlaylist>> ReadExportPlaylists(const std::string& path) {
  return PlaylistsOf(JsonDocument::Load(path));
}

core::Result<std::vector<ExportPlaylist>> ParseExportPlaylists(std::string text, const std::string& path) {
  return PlaylistsOf(JsonDocument::Parse(std::move(text), path));
}

}  // namespace echotune::ingest
