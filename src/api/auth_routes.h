// /auth/*: Spotify login with PKCE, Spotify token refresh, logout (SYSTEM.md §4, §7).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "api/api_context.h"
#include "api/spotify_services.h"
#include "http/router.h"

namespace echotune::api {

// Registers GET /auth/login, GET /auth/callback, POST /auth/refresh and POST
// /auth/logout, talking to Spotify at the configured URLs through the
// asynchronous client of `spotify` (its sender and token manager).
// REQUIRES: `ctx` and `spotify` outlive the router.
void AddAuthRoutes(http::Router& router, ApiContext& ctx, SpotifyServices& spotify);

// True when the token was revoked by POST /auth/logout, or names a user who
// does not exist (deleted since, or never was): for
// http::PipelineHooks::is_revoked. The user check runs on ctx.workers, or is
// answered by ctx.known_users (a user seen in the last 30 s). A cache
// or store failure counts as not revoked (the handler meets the failure itself).
boost::asio::awaitable<bool> IsTokenRevoked(ApiContext& ctx, const http::AuthContext& auth);

// The cache key of a revoked token id: "revoked:{jti}".
std::string RevokedTokenKey(std::string_view token_id);

}  // namespace echotune::api
