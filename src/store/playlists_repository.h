// PlaylistsRepository: echotune_playlists. Blocking, thread-safe.
// Stored playlists always have tracks[i].position == i and trackCount == size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/object_id.h"
#include "core/result.h"
#include "model/playlist.h"

namespace echotune::store {

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;  // across all pages
};

class PlaylistsRepository {
 public:
  virtual ~PlaylistsRepository() = default;

  // New _id, createdAt = updatedAt = now, positions renumbered, addedAt = now
  // where unset. VALIDATION_ERROR; NOT_FOUND for an unknown user; CONFLICT when
  // spotifyPlaylistId is taken.
  virtual core::Result<model::Playlist> Create(model::Playlist playlist) = 0;
  // NOT_FOUND when absent.
  virtual core::Result<model::Playlist> Get(const core::ObjectId& id) = 0;
  // Replaces the track list (positions 0..n-1, trackCount), updatedAt = now.
  virtual core::Result<model::Playlist> ReplaceTracks(const core::ObjectId& id,
                                                      std::vector<model::PlaylistTrack> tracks) = 0;
  // Changes the present fields; name must stay non-empty.
  virtual core::Result<model::Playlist> UpdateInfo(const core::ObjectId& id,
                                                   const std::optional<std::string>& name,
                                                   const std::optional<std::string>& description) = 0;
  // Links the playlist to Spotify. CONFLICT when another playlist has that id.
  virtual core::Status SetSpotifyPlaylistId(const core::ObjectId& id,
                                            const std::string& spotify_playlist_id) = 0;
  virtual core::Status Delete(const core::ObjectId& id) = 0;  // NOT_FOUND when absent
  // The user's playlists, newest first.
  virtual core::Result<Page<model::Playlist>> ListByUser(const core::ObjectId& user_id,
                                                         int64_t offset, int64_t limit) = 0;
  // Full-text search over the user's playlists' name and description: a playlist
  // matches when any query word does (case-insensitive, English stemming), best
  // match first (MongoDB $text semantics). An empty query matches nothing.
  virtual core::Result<std::vector<model::Playlist>> Search(const core::ObjectId& user_id,
                                                            const std::string& query,
                                                            int64_t limit) = 0;
};

}  // namespace echotune::store
