// The inputs of /api/spotify/*, parsed and checked (pure). Errors are
// VALIDATION_ERROR naming the field or query parameter.
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "core/result.h"
#include "http/request.h"
#include "spotify/player.h"

namespace echotune::api {

// ?q= (required, ≤ 500 chars) &type=track,artist,album,playlist (default
// track) &limit=1..50 (20) &offset=0..1000 (0).
core::Result<spotify::SearchQuery> ParseSearch(const http::Request& req);

struct TopQuery {
  std::string type = "tracks";  // tracks | artists
  std::string range = "medium";  // short | medium | long
  int limit = 20;
};
// ?type=tracks|artists&range=short|medium|long&limit=1..50
core::Result<TopQuery> ParseTop(const http::Request& req);

// {uris?: ["spotify:track:…"], contextUri?, deviceId?, positionMs?}; a null
// body (resume) is allowed.
core::Result<spotify::PlayInput> ParsePlay(const boost::json::value& body);
// {percent: 0..100}
core::Result<int> ParseVolume(const boost::json::value& body);
// {state: true|false}
core::Result<bool> ParseShuffle(const boost::json::value& body);
// {state: "track"|"context"|"off"}
core::Result<std::string> ParseRepeat(const boost::json::value& body);
// {uri: "spotify:track:…" | "spotify:episode:…"}
core::Result<std::string> ParseQueue(const boost::json::value& body);
struct TransferInput {
  std::string device_id;
  bool play = false;
};
// {deviceId, play?}
core::Result<TransferInput> ParseTransfer(const boost::json::value& body);
// {text: "…"} (1..500 chars)
core::Result<std::string> ParseCommandText(const boost::json::value& body);

// "spotify:track:<id>" etc.
bool IsSpotifyUri(std::string_view uri, std::string_view kind = "");

}  // namespace echotune::api
