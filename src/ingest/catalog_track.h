// CatalogTrack: one track as read from a catalogue CSV row, before it becomes a
// track_metadata document. Plain data; no store types.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace echotune::ingest {

// The twelve audio features of the data contract, in this order.
inline constexpr std::array<std::string_view, 12> kAudioFeatureNames = {
    "acousticness", "danceability", "energy", "instrumentalness", "liveness", "loudness",
    "speechiness", "valence", "tempo", "key", "mode", "time_signature"};

struct CatalogTrack {
  std::string spotify_id;
  std::string name;
  std::vector<std::string> artists;
  std::vector<std::string> artist_ids;  // parallel to artists when the CSV has ids
  std::string album_id;
  std::string album_name;
  std::string release_date;  // as written: "YYYY-MM-DD", "YYYY-MM" or "YYYY"
  std::optional<int> release_year;
  std::optional<long long> duration_ms;
  std::optional<int> popularity;
  std::optional<bool> explicit_content;
  std::array<std::optional<double>, 12> audio_features;  // indexed like kAudioFeatureNames
  std::vector<std::string> genres;  // lower-case, unique, in order of appearance
  std::string playlist_id;    // source playlist of the row, when the CSV has one
  std::string playlist_name;  // (spotify-songs-2020 lists one row per playlist membership)
};

}  // namespace echotune::ingest
