// Playlist: a document of echotune_playlists (03-DATA-MODELS.md §5).
// The store keeps tracks[i].position == i and trackCount == tracks.size().
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/enums.h"

namespace echotune::model {

struct PlaylistTrack {
  std::string track_id;  // required
  std::string name;
  std::string artist;
  core::TimePoint added_at{};  // set to now by the store when zero
  int64_t position = 0;  // 0-indexed
};

struct GenerationParameters {
  std::optional<Mood> mood;
  std::optional<Activity> activity;
  std::vector<std::string> genres;
  std::map<std::string, double> audio_features;
  std::optional<std::string> original_prompt;
};

struct Playlist {
  core::ObjectId id;
  core::ObjectId user_id;  // required
  std::string name;  // required
  std::optional<std::string> description;
  std::optional<PlaylistType> playlist_type;
  std::optional<std::string> spotify_playlist_id;  // unique when present
  std::vector<PlaylistTrack> tracks;
  std::optional<GenerationParameters> generation_parameters;
  bool is_public = false;  // "public"
  bool collaborative = false;
  int64_t track_count = 0;  // denormalised
  core::TimePoint created_at{};
  core::TimePoint updated_at{};
};

[[nodiscard]] core::Status Validate(const Playlist& playlist);
// Sets positions 0..n-1 and trackCount.
void Renumber(Playlist& playlist);

boost::json::object ToJson(const Playlist& playlist);
boost::json::object ToJson(const PlaylistTrack& track);
[[nodiscard]] core::Result<Playlist> PlaylistFromJson(const boost::json::value& json);
// A tracks array as sent by clients ([{trackId, name, artist, addedAt?}]), field
// paths "tracks[i].…".
[[nodiscard]] core::Result<std::vector<PlaylistTrack>> PlaylistTracksFromJson(
    const boost::json::value& json);

}  // namespace echotune::model
