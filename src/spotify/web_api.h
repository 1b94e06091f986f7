// SpotifyApi: an authenticated Web API call on behalf of a user, with the
// token rules of TokenManager (fresh token; one refresh and one retry on a
// 401) and the retry rules of SpotifySender, and Spotify's answer mapped to
// the error model (InterpretApiAnswer).
// Thread-safe; the sender and token manager outlive it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>
#include <string>

#include "core/result.h"
#include "spotify/spotify_sender.h"
#include "spotify/token_manager.h"

namespace echotune::spotify {

struct ApiRequest {
  std::string method = "GET";
  std::string path;            // with the query, e.g. "/v1/me/player?market=from_token"
  boost::json::value body;     // null = no body (PUT/POST send Content-Length: 0)
  std::string endpoint;        // metrics label, e.g. "player"
};

struct ApiAnswer {
  long status = 0;
  boost::json::value json;  // null when Spotify sent no body (204)
};

// 2xx → the answer (a body that is not JSON → SPOTIFY_UNAVAILABLE);
// 400 → VALIDATION_ERROR (field "spotify", Spotify's message);
// 401 → SPOTIFY_TOKEN_EXPIRED; 403 with reason PREMIUM_REQUIRED (or a message
// naming Premium) → PREMIUM_REQUIRED, other 403 → SPOTIFY_AUTH_REQUIRED (a
// scope is missing: log in again); 404 with reason NO_ACTIVE_DEVICE (or
// "No active device") → NO_ACTIVE_DEVICE, other 404 → NOT_FOUND; anything
// else → SPOTIFY_UNAVAILABLE. Pure.
core::Result<ApiAnswer> InterpretApiAnswer(const HttpResponse& response);

class SpotifyApi final {
 public:
  SpotifyApi(SpotifySender& sender, TokenManager& tokens, std::string api_url);

  // REQUIRES: `request` lives until the call completes (pass a local).
  boost::asio::awaitable<core::Result<ApiAnswer>> Call(const std::string& user_id,
                                                       const ApiRequest& request);

  TokenManager& tokens() { return tokens_; }

 private:
  HttpRequest Build(const ApiRequest& request, const std::string& token) const;

  SpotifySender& sender_;
  TokenManager& tokens_;
  const std::string api_url_;  // no trailing slash
};

}  // namespace echotune::spotify
