// Runs a parsed free-text command (chat::ParseCommand) against the user's
// Spotify player and says what it did: {understood, did, …}. Used by POST
// /api/spotify/command, and by the chat once it exists.
//  - play with a mood/activity or a genre-like vague query ("something calm",
//    "some jazz") searches Spotify playlists for it and plays the first one;
//    play with a title searches tracks and plays the best match; a URI plays as is.
//  - volume up/down reads the current volume and moves it by 10.
//  - queue searches the track and adds the best match.
//  - transfer matches the device name (case-insensitive, contained) and
//    transfers playback there (NOT_FOUND with details.devices otherwise).
//  - recommend / make a playlist are not player commands: VALIDATION_ERROR
//    pointing at /api/recommendations and /api/playlists/generate.
//  - nothing understood: VALIDATION_ERROR (field "text").
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <string>

#include "chat/command_parser.h"
#include "core/result.h"
#include "spotify/player.h"

namespace echotune::api {

boost::asio::awaitable<core::Result<boost::json::object>> RunCommand(spotify::Player& player,
                                                                     const std::string& user_id,
                                                                     const chat::Command& command);

}  // namespace echotune::api
