// Sending one of our playlists to the user's Spotify account (issue 11):
// create it there, add its tracks in chunks of 100, store the Spotify
// playlist id (echotune_playlists.spotifyPlaylistId). A failure leaves our
// playlist as it was and says why.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <string>

#include "api/api_context.h"
#include "core/result.h"
#include "http/router.h"
#include "model/playlist.h"

namespace echotune::api {

// {saved: true, spotifyPlaylistId, tracksSent} or the error. An already sent
// playlist is not sent again ({saved: true, alreadySaved: true, …}).
// REQUIRES: ctx.spotify set.
boost::asio::awaitable<core::Result<boost::json::object>> SaveToSpotify(ApiContext& ctx,
                                                                        const std::string& user_id,
                                                                        const std::string& spotify_user_id,
                                                                        const model::Playlist& playlist);

// {saved: false, error: {code, message}} for a failure of SaveToSpotify, as
// POST /api/playlists/generate reports it beside the stored playlist.
boost::json::object SpotifyFailureJson(const core::Error& error);

// POST /api/playlists/{id}/spotify. REQUIRES: ctx (with ctx.spotify) outlives the router.
void AddPlaylistSpotifyRoute(http::Router& router, ApiContext& ctx);

}  // namespace echotune::api
