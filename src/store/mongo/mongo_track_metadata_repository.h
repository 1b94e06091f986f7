// TrackMetadataRepository on MongoDB (echotune_track_metadata). Upserts merge
// with the stored track by model::MergeTrack in memory, then write whole
// documents as one ordered bulk of replace-upserts keyed on spotifyId, in a
// transaction where available; re-running a failed batch converges to the same
// state (MergeTrack is idempotent). Thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/mongo/mongo_context.h"
#include "store/track_metadata_repository.h"

namespace echotune::store::mongo {

class MongoTrackMetadataRepository final : public TrackMetadataRepository {
 public:
  // REQUIRES: `ctx` outlives this object.
  explicit MongoTrackMetadataRepository(const MongoContext& ctx) : ctx_(ctx) {}

  core::Result<model::TrackMetadata> Upsert(model::TrackMetadata track) override;
  core::Result<int64_t> UpsertMany(std::vector<model::TrackMetadata> tracks) override;
  core::Result<model::TrackMetadata> Get(std::string_view spotify_id) override;
  core::Result<std::vector<model::TrackMetadata>> GetMany(const std::vector<std::string>& spotify_ids) override;
  core::Result<std::vector<model::TrackMetadata>> Filter(const TrackFilter& filter) override;
  core::Result<int64_t> Count() override;
  core::Status Scan(const std::function<bool(const model::TrackMetadata&)>& fn) override;

 private:
  // Merges `tracks` (in order) into what is stored and writes the results;
  // returns the written documents in first-seen order of spotifyId.
  core::Result<std::vector<model::TrackMetadata>> Write(std::vector<model::TrackMetadata> tracks);
  std::vector<std::string> Merge(std::vector<model::TrackMetadata> tracks,
                                 std::map<std::string, model::TrackMetadata>& merged) const;
  core::Result<std::vector<model::TrackMetadata>> FindTracks(const Bson& filter, const Bson& opts) const;

  const MongoContext& ctx_;
};

}  // namespace echotune::store::mongo
