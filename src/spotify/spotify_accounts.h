// The Spotify calls the login needs: the accounts service's token endpoint
// (authorization code with PKCE, refresh) and GET /v1/me of the Web API.
// Blocking: run on the WorkerPool. Errors are core::Error values:
//   VALIDATION_ERROR (field "code")  the accounts service refused the code (400),
//   SPOTIFY_AUTH_REQUIRED            the refresh token is no longer accepted,
//   SPOTIFY_TOKEN_EXPIRED            the Web API refused the access token (401),
//   RATE_LIMITED                     429 with a Retry-After too long to wait (details.retryAfter),
//   UNAVAILABLE                      Spotify unreachable, 5xx, or an unparsable answer.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/config.h"
#include "core/result.h"
#include "spotify/curl_client.h"

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

// Abstract so that tests and other layers can substitute it. Thread-safe.
class SpotifyAuthClient {
 public:
  virtual ~SpotifyAuthClient() = default;
  virtual core::Result<TokenSet> ExchangeCode(const std::string& code,
                                              const std::string& code_verifier) = 0;
  virtual core::Result<TokenSet> Refresh(const std::string& refresh_token) = 0;
  virtual core::Result<SpotifyProfile> GetMe(const std::string& access_token) = 0;
};

struct SpotifyEndpoints {
  std::string accounts_url;  // e.g. https://accounts.spotify.com (no trailing slash needed)
  std::string api_url;       // e.g. https://api.spotify.com
  std::string client_id;
  std::string client_secret;  // empty: PKCE only, no Basic auth
  std::string redirect_uri;
  // 429 answers are retried once when Retry-After is at most this long.
  std::chrono::seconds max_retry_wait{2};

  static SpotifyEndpoints FromConfig(const core::Config& config);
};

// The real client. REQUIRES: `clock` outlives it.
std::unique_ptr<SpotifyAuthClient> MakeSpotifyAuthClient(SpotifyEndpoints endpoints,
                                                         const core::Clock& clock);

// The requests and answers of the accounts service, shared by the blocking
// client above and the asynchronous TokenManager (pure).
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
