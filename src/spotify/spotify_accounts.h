// The Spotify accounts service: the login's calls (authorization code with
// PKCE, then GET /v1/me) and the refresh_token grant's request and answer
// (TokenManager sends those). Asynchronous through SpotifySender, so the
// retry rules of SYSTEM.md §4 apply and no thread waits on Spotify.
// Errors are core::Error values:
//   VALIDATION_ERROR (field "code")  the accounts service refused the code (400),
//   SPOTIFY_AUTH_REQUIRED            the refresh token is no longer accepted,
//   SPOTIFY_TOKEN_EXPIRED            the Web API refused the access token (401),
//   RATE_LIMITED                     429 with a Retry-After too long to wait (details.retryAfter),
//   SPOTIFY_UNAVAILABLE              Spotify unreachable, 5xx also on the retry, another status,
//   UNAVAILABLE                      an unparsable answer.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/config.h"
#include "core/result.h"
#include "spotify/curl_client.h"
#include "spotify/spotify_sender.h"

namespace echotune::spotify {

struct TokenSet {
  std::string access_token;
  std::optional<std::string> refresh_token;  // absent when Spotify keeps the old one
  core::TimePoint expires_at{};
  std::string scope;
};

struct SpotifyProfile {
  std::string id;
  std::string display_name;  // the id when Spotify has none
  std::optional<std::string> email;
  std::optional<std::string> country;
  bool premium = false;  // product == "premium"
  int64_t followers = 0;
  std::optional<std::string> image_url;  // the first image
};

struct SpotifyEndpoints {
  std::string accounts_url;  // e.g. https://accounts.spotify.com (no trailing slash needed)
  std::string api_url;       // e.g. https://api.spotify.com
  std::string client_id;
  std::string client_secret;  // empty: PKCE only, no Basic auth
  std::string redirect_uri;

  static SpotifyEndpoints FromConfig(const core::Config& config);
};

// The two calls of a login callback. Thread-safe; `sender` and `clock`
// outlive it.
class SpotifyLogin final {
 public:
  SpotifyLogin(SpotifySender& sender, SpotifyEndpoints endpoints, const core::Clock& clock);

  // POST {accounts}/api/token, grant authorization_code with the PKCE verifier.
  boost::asio::awaitable<core::Result<TokenSet>> ExchangeCode(const std::string& code,
                                                              const std::string& code_verifier);
  // GET {api}/v1/me with the new access token.
  boost::asio::awaitable<core::Result<SpotifyProfile>> GetMe(const std::string& access_token);

 private:
  SpotifySender& sender_;
  const SpotifyEndpoints endpoints_;
  const core::Clock& clock_;
};

// The refresh_token grant of the accounts service (pure; TokenManager sends it).
// POST {accounts}/api/token with a refresh_token grant (Basic auth when a
// client secret is configured).
HttpRequest RefreshTokenRequest(const SpotifyEndpoints& endpoints, const std::string& refresh_token);
// 200 → the tokens; 400/401 → SPOTIFY_AUTH_REQUIRED (the refresh token is
// revoked or unknown); anything else → UNAVAILABLE (details.spotifyStatus).
core::Result<TokenSet> RefreshTokenAnswer(const HttpResponse& response, core::TimePoint now);

// Parsers of Spotify's answers (pure; exposed for tests). UNAVAILABLE on bad JSON.
core::Result<TokenSet> ParseTokenResponse(std::string_view body, core::TimePoint now);
core::Result<SpotifyProfile> ParseProfile(std::string_view body);

}  // namespace echotune::spotify
