// SpotifySender: one outbound Spotify call with the retry rules of SYSTEM.md
// §4 and issue 11, counted in SpotifyMetrics:
//  - 429: Retry-After ≤ max_retry_after → wait that long (a timer, no thread
//    waits) and send once more; still 429, or a longer Retry-After →
//    RATE_LIMITED with details.retryAfter (seconds).
//  - 5xx or no answer: wait a random jitter, send once more; still failing →
//    SPOTIFY_UNAVAILABLE (details.spotifyStatus when there was an answer).
//  - every other status is returned as is for the caller to interpret.
// Thread-safe; `http` and `metrics` must outlive it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string_view>

#include "core/result.h"
#include "spotify/async_http_client.h"
#include "spotify/spotify_metrics.h"

namespace echotune::spotify {

struct RetryPolicy {
  std::chrono::seconds max_retry_after{5};
  std::chrono::milliseconds jitter_min{100};
  std::chrono::milliseconds jitter_max{300};
};

class SpotifySender final {
 public:
  SpotifySender(AsyncHttpClient& http, SpotifyMetrics* metrics, RetryPolicy policy = {})
      : http_(http), metrics_(metrics), policy_(policy) {}

  // `endpoint` labels the metrics ("player", "token", …).
  // REQUIRES: `request` lives until the call completes (pass a local).
  boost::asio::awaitable<core::Result<HttpResponse>> Send(std::string_view endpoint,
                                                          const HttpRequest& request);

 private:
  boost::asio::awaitable<core::Result<HttpResponse>> Once(std::string_view endpoint,
                                                          const HttpRequest& request);

  AsyncHttpClient& http_;
  SpotifyMetrics* metrics_;  // may be null
  const RetryPolicy policy_;
};

}  // namespace echotune::spotify
