// /api/spotify/*: playback, devices, search, player commands, recently
// played, top items and the free-text command (issue 11). JWT required; rate
// group "spotify" (http/rate_limiter picks it by path). Thin handlers: parse
// (api/spotify_input), one spotify::Player call, serialise. No handler blocks
// a thread while Spotify answers.
// Errors besides VALIDATION_ERROR: SPOTIFY_AUTH_REQUIRED (401, not connected
// or refresh token revoked), NO_ACTIVE_DEVICE (404, details.devices),
// PREMIUM_REQUIRED (403), RATE_LIMITED (429, Retry-After),
// SPOTIFY_UNAVAILABLE (502).
#pragma once

#include "api/api_context.h"
#include "api/spotify_services.h"
#include "http/router.h"

namespace echotune::api {

// REQUIRES: ctx and spotify outlive the router.
void AddSpotifyRoutes(http::Router& router, ApiContext& ctx, SpotifyServices& spotify);

// Player commands (play, pause, …) and the command route; in spotify_command_routes.cpp.
void AddSpotifyCommandRoutes(http::Router& router, ApiContext& ctx, SpotifyServices& spotify);

}  // namespace echotune::api
