// TrackMetadataRepository: echotune_track_metadata, the local catalogue.
// Blocking, thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/track_metadata.h"

namespace echotune::store {

struct FeatureRange {
  model::Feature feature = model::Feature::kEnergy;
  double min = 0.0;  // inclusive
  double max = 1.0;  // inclusive
};

struct TrackFilter {
  std::vector<FeatureRange> ranges;  // all must hold (tracks lacking the feature fail)
  std::vector<std::string> genres;   // any of them; empty = no genre condition
  std::optional<int64_t> min_popularity;
  int64_t limit = 100;
};

class TrackMetadataRepository {
 public:
  virtual ~TrackMetadataRepository() = default;

  // Inserts, or merges into the stored track with the same spotifyId by
  // model::MergeTrack (genre union). Sets createdAt/updatedAt. VALIDATION_ERROR.
  virtual core::Result<model::TrackMetadata> Upsert(model::TrackMetadata track) = 0;
  // The same for many tracks in one transaction: all validated first (field
  // "tracks[i].…"), all or nothing. Returns how many were written.
  virtual core::Result<int64_t> UpsertMany(std::vector<model::TrackMetadata> tracks) = 0;
  // NOT_FOUND when absent.
  virtual core::Result<model::TrackMetadata> Get(std::string_view spotify_id) = 0;
  // The tracks found, in the order of `spotify_ids`; unknown ids are skipped.
  virtual core::Result<std::vector<model::TrackMetadata>> GetMany(
      const std::vector<std::string>& spotify_ids) = 0;
  // Tracks matching the filter, most popular first.
  virtual core::Result<std::vector<model::TrackMetadata>> Filter(const TrackFilter& filter) = 0;
  virtual core::Result<int64_t> Count() = 0;
  // Calls fn for every track until it returns false; fn must not call the store.
  virtual core::Status Scan(const std::function<bool(const model::TrackMetadata&)>& fn) = 0;
};

}  // namespace echotune::store
