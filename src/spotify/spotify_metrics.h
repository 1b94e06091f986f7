// SpotifyMetrics: every outbound Spotify call, counted and timed, and the
// health of Spotify as /api/health shows it.
//   echotune_spotify_requests_total{endpoint, status}   status = the HTTP
//       status, or "error" when no answer came (refused, timed out)
//   echotune_spotify_request_duration_seconds{endpoint} histogram
// `endpoint` is a fixed name per kind of call ("player", "search", "token", …).
// Health: "degraded" while the last answer was a failure (5xx or none),
// "connected" after a success, "healthy" before any call.
// Thread-safe. REQUIRES: the registry outlives this object.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

namespace prometheus {
class Registry;
template <typename T>
class Family;
class Counter;
class Histogram;
}  // namespace prometheus

namespace echotune::spotify {

struct SpotifyHealthView {
  std::string status;  // "healthy", "connected" or "degraded"
  std::string detail;  // e.g. "last call: HTTP 503 on player"
};

class SpotifyMetrics final {
 public:
  explicit SpotifyMetrics(prometheus::Registry& registry);

  // status 0 = no answer.
  void Record(std::string_view endpoint, long status, std::chrono::nanoseconds elapsed);
  SpotifyHealthView Health() const;

 private:
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* durations_;
  mutable std::mutex mu_;  // guards the health fields
  long last_status_ = -1;  // -1: no call yet
  std::string last_endpoint_;
};

}  // namespace echotune::spotify
