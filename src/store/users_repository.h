// UsersRepository: echotune_users. All calls are blocking and thread-safe; run
// them on the WorkerPool. Results are copies owned by the caller.
// Tokens are plaintext in model::User; the repository encrypts them at rest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/user.h"

namespace echotune::store {

// The fields users.preferences shares with the user_preferences document
// (03-DATA-MODELS.md §2: "denormalized from echotune_user_preferences");
// present = set it, absent = keep it.
struct PreferenceSummaryUpdate {
  std::optional<std::vector<std::string>> favorite_genres;  // ← favoriteGenres
  std::optional<double> energy;  // audio_features_preferences.energy ← energyLevel, 0–1
};

class UsersRepository {
 public:
  virtual ~UsersRepository() = default;

  // Inserts `user` if no user has its spotifyId, else replaces the stored fields
  // with those of `user` keeping _id and createdAt. Sets updatedAt (and createdAt
  // on insert); user.id is ignored. Returns the stored document.
  // VALIDATION_ERROR (nothing written); CONFLICT when the email belongs to another user.
  virtual core::Result<model::User> UpsertBySpotifyId(const model::User& user) = 0;
  // NOT_FOUND when absent.
  virtual core::Result<model::User> Get(const core::ObjectId& id) = 0;
  virtual core::Result<model::User> GetBySpotifyId(std::string_view spotify_id) = 0;
  virtual core::Result<bool> Exists(const core::ObjectId& id) = 0;
  // Sets lastActive (and nothing else) to now. NOT_FOUND when absent.
  virtual core::Status TouchLastActive(const core::ObjectId& id) = 0;
  // Replaces the OAuth tokens (after a refresh). NOT_FOUND when absent.
  virtual core::Status UpdateTokens(const core::ObjectId& id, const std::string& access_token,
                                    const std::optional<std::string>& refresh_token,
                                    core::TimePoint expires_at) = 0;
  // Sets the present fields of users.preferences, and updatedAt; nothing else.
  // VALIDATION_ERROR naming the field (nothing written); NOT_FOUND when absent.
  virtual core::Status UpdatePreferenceSummary(const core::ObjectId& id,
                                               const PreferenceSummaryUpdate& update) = 0;
  // Deletes the user and everything the user owns (listens, recommendations,
  // playlists, preferences, analytics events, chat sessions), atomically where
  // the backend allows. NOT_FOUND when absent.
  virtual core::Status Delete(const core::ObjectId& id) = 0;
  virtual core::Result<int64_t> Count() = 0;
  // Every user's id (background jobs such as the Spotify listening sync walk
  // them); no order is promised.
  virtual core::Result<std::vector<core::ObjectId>> ListIds() = 0;
};

}  // namespace echotune::store
