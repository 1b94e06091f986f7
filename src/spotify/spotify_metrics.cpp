#include "spotify/spotify_metrics.h"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace echotune::spotify {

SpotifyMetrics::SpotifyMetrics(prometheus::Registry& registry)
    : requests_(&prometheus::BuildCounter()
                     .Name("echotune_spotify_requests_total")
                     .Help("Outbound Spotify calls by endpoint and HTTP status (error = no answer)")
                     .Register(registry)),
      durations_(&prometheus::BuildHistogram()
                      .Name("echotune_spotify_request_duration_seconds")
                      .Help("Latency of outbound Spotify calls by endpoint")
                      .Register(registry)) {}

void SpotifyMetrics::Record(std::string_view endpoint, long status, std::chrono::nanoseconds elapsed) {
  const std::string ep(endpoint);
  requests_->Add({{"endpoint", ep}, {"status", status == 0 ? "error" : std::to_string(status)}})
      .Increment();
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15};
  durations_->Add({{"endpoint", ep}}, kBuckets)
      .Observe(std::chrono::duration<double>(elapsed).count());
  std::lock_guard lock(mu_);
  last_status_ = status;
  last_endpoint_ = ep;
}

SpotifyHealthView SpotifyMetrics::Health() const {
  std::lock_guard lock(mu_);
  if (last_status_ < 0) return {"healthy", "no call yet"};
  if (last_status_ == 0 || last_status_ >= 500) {
    std::string what = last_status_ == 0 ? "no answer" : "HTTP " + std::to_string(last_status_);
    return {"degraded", "last call: " + what + " on " + last_endpoint_};
  }
  return {"connected", "last call: HTTP " + std::to_string(last_status_) + " on " + last_endpoint_};
}

}  // namespace echotune::spotify
