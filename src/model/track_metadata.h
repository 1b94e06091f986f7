// TrackMetadata: a document of echotune_track_metadata (03-DATA-MODELS.md §9),
// the local catalogue of tracks and their audio features.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"

namespace echotune::model {

struct ArtistRef {
  std::string id;
  std::string name;
};

struct AlbumImage {
  std::string url;
  std::optional<int64_t> width, height;
};

struct AlbumInfo {
  std::optional<std::string> id;
  std::optional<std::string> name;
  std::optional<std::string> release_date;  // "YYYY", "YYYY-MM" or "YYYY-MM-DD"
  std::optional<int64_t> total_tracks;
  std::vector<AlbumImage> images;
};

// Every feature may be missing (catalogues differ); ranges per the contract.
struct AudioFeatures {
  std::optional<double> acousticness, danceability, energy, instrumentalness, liveness;  // 0–1
  std::optional<double> loudness;  // dB, -60–0
  std::optional<double> speechiness, valence;  // 0–1
  std::optional<double> tempo;  // BPM, 0–300
  std::optional<int64_t> key;  // -1–11
  std::optional<int64_t> mode;  // 0 or 1
  std::optional<int64_t> time_signature;  // 3–7
};

// The features that can be filtered on by range (AudioFeatures' double fields).
enum class Feature {
  kAcousticness, kDanceability, kEnergy, kInstrumentalness, kLiveness, kLoudness, kSpeechiness,
  kValence, kTempo
};
std::optional<double> Get(const AudioFeatures& features, Feature feature);
std::string_view FeatureName(Feature feature);  // "energy"
std::optional<Feature> FeatureFromName(std::string_view name);

struct TrackMetadata {
  core::ObjectId id;
  std::string spotify_id;  // required, unique
  std::string name;  // required
  std::vector<ArtistRef> artists;
  std::optional<AlbumInfo> album;
  std::optional<int64_t> duration_ms;
  bool is_explicit = false;  // "explicit"
  std::optional<int64_t> popularity;  // 0–100
  std::optional<std::string> preview_url;
  std::optional<std::string> external_url;  // externalUrls.spotify
  std::optional<AudioFeatures> audio_features;
  std::vector<std::string> genres;
  std::optional<int64_t> release_year;  // derived from album.release_date when absent
  core::TimePoint created_at{};
  core::TimePoint updated_at{};
};

[[nodiscard]] core::Status Validate(const TrackMetadata& track);
// The upsert rule shared by both backends: fields present in `incoming` replace
// those of `existing`, absent optionals keep the existing value, genres are the
// union (existing order first); id and createdAt are kept.
TrackMetadata MergeTrack(const TrackMetadata& existing, const TrackMetadata& incoming);
// Sets release_year from album.release_date when it is missing.
void DeriveReleaseYear(TrackMetadata& track);

boost::json::object ToJson(const TrackMetadata& track);
boost::json::object ToJson(const AudioFeatures& features);
[[nodiscard]] core::Result<TrackMetadata> TrackMetadataFromJson(const boost::json::value& json);

}  // namespace echotune::model
