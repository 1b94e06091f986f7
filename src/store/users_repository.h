// UsersRepository: echotune_users. All calls are blocking and thread-safe; run
// them on the WorkerPool. Results are copies owned by the caller.
// Tokens are plaintext in model::User; the repository encrypts them at rest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/user.h"

namespace echotune::store {

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
  // Deletes the user and everything the user owns (listens, recommendations,
  // playlists, preferences, analytics events, chat sessions), atomically where
  // the backend allows. NOT_FOUND when absent.
  virtual core::Status Delete(const core::ObjectId& id) = 0;
  virtual core::Result<int64_t> Count() = 0;
};

}  // namespace echotune::store
