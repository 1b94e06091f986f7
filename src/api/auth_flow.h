// The Spotify login flow (SYSTEM.md §4) without HTTP: the authorize URL,
// the user document built from a Spotify profile, and the blocking steps of
// the callback and of a token refresh (run them on the WorkerPool).
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/user.h"
#include "spotify/spotify_accounts.h"
#include "store/users_repository.h"

namespace echotune::api {

// SYSTEM.md §4's scopes, space-separated.
extern const char kSpotifyScopes[];

struct AuthorizeRequest {
  std::string accounts_url;
  std::string client_id;
  std::string redirect_uri;
  std::string state;
  std::string code_challenge;  // S256
  bool force_dialog = false;   // adds show_dialog=true
};

// "{accounts}/authorize?client_id=…&response_type=code&…"; pure.
std::string BuildAuthorizeUrl(const AuthorizeRequest& request);

// `existing` (the stored user, or a fresh one) with the profile and tokens
// written over it; pure.
model::User MergeProfile(model::User existing, const spotify::SpotifyProfile& profile,
                         const spotify::TokenSet& tokens);

// Exchanges the code, reads /v1/me and upserts the user by spotifyId. Returns
// the stored user. Errors of the Spotify client and of the repository. Blocking.
core::Result<model::User> CompleteLogin(spotify::SpotifyAuthClient& spotify,
                                        store::UsersRepository& users, const std::string& code,
                                        const std::string& code_verifier);

// Refreshes the user's Spotify token with the stored refresh token and stores
// the new tokens. Returns the new expiry. SPOTIFY_AUTH_REQUIRED when the user
// has no refresh token; NOT_FOUND for an unknown user. Blocking.
core::Result<core::TimePoint> RefreshSpotifyToken(spotify::SpotifyAuthClient& spotify,
                                                  store::UsersRepository& users,
                                                  const core::ObjectId& user_id);

}  // namespace echotune::api
