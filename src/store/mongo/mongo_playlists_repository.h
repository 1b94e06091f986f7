// PlaylistsRepository on MongoDB (echotune_playlists). Search uses the native
// text index {name: "text", description: "text"} through $text, best
// textScore first. Read-modify-write updates are compare-and-set on the whole
// loaded document (retried), so concurrent edits never lose each other.
// Thread-safe.
#pragma once

#include "store/mongo/mongo_context.h"
#include "store/playlists_repository.h"

namespace echotune::store::mongo {

class MongoPlaylistsRepository final : public PlaylistsRepository {
 public:
  // REQUIRES: `ctx` outlives this object.
  explicit MongoPlaylistsRepository(const MongoContext& ctx) : ctx_(ctx) {}

  core::Result<model::Playlist> Create(model::Playlist playlist) override;
  core::Result<model::Playlist> Get(const core::ObjectId& id) override;
  core::Result<model::Playlist> ReplaceTracks(const core::ObjectId& id,
                                              std::vector<model::PlaylistTrack> tracks) override;
  core::Result<model::Playlist> UpdateInfo(const core::ObjectId& id, const std::optional<std::string>& name,
                                           const std::optional<std::string>& description) override;
  core::Status SetSpotifyPlaylistId(const core::ObjectId& id, const std::string& spotify_playlist_id) override;
  core::Status Delete(const core::ObjectId& id) override;
  core::Result<Page<model::Playlist>> ListByUser(const core::ObjectId& user_id, int64_t offset,
                                                 int64_t limit) override;
  core::Result<std::vector<model::Playlist>> Search(const core::ObjectId& user_id, const std::string& query,
                                                    int64_t limit) override;

 private:
  // Positions 0..n-1, trackCount, addedAt = now where unset.
  void Normalise(model::Playlist& playlist) const;
  core::Result<model::Playlist> Modify(const core::ObjectId& id,
                                       const std::function<void(model::Playlist&)>& change);
  core::Result<std::vector<model::Playlist>> FindPlaylists(const Bson& filter, const Bson& opts) const;

  const MongoContext& ctx_;
};

}  // namespace echotune::store::mongo
