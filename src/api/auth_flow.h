// The Spotify login flow (SYSTEM.md §4) without HTTP: the authorize URL,
// the user document built from a Spotify profile, and the callback's steps.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "core/worker_pool.h"
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

// Exchanges the code, reads /v1/me (both asynchronous: no thread waits on
// Spotify) and upserts the user by spotifyId on the worker pool. Returns the
// stored user. Errors of SpotifyLogin and of the repository.
boost::asio::awaitable<core::Result<model::User>> CompleteLogin(spotify::SpotifyLogin& spotify,
                                                                core::WorkerPool& workers,
                                                                store::UsersRepository& users,
                                                                const std::string& code,
                                                                const std::string& code_verifier);

}  // namespace echotune::api
