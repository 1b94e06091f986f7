// HttpMetrics: Prometheus series for the HTTP layer (prometheus-cpp core):
// echotune_http_requests_total{route,method,status}, echotune_http_request_duration_seconds{route},
// echotune_http_requests_in_flight, echotune_build_info{version}.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace echotune::http {

// Thread-safe. Series are created lazily and cached, so the hot path is a
// few atomic operations.
class HttpMetrics final {
 public:
  // `routes` are the route patterns in router order; index routes.size() is "unmatched".
  HttpMetrics(prometheus::Registry& registry, const std::vector<std::string>& routes);
  HttpMetrics(const HttpMetrics&) = delete;
  HttpMetrics& operator=(const HttpMetrics&) = delete;

  void RequestStarted() { in_flight_->Increment(); }
  void RequestFinished(size_t route, unsigned status, double seconds);

  // Prometheus text exposition of every series in the registry.
  static std::string Render(const prometheus::Registry& registry);

 private:
  struct RouteSeries {
    std::string label;
    prometheus::Histogram* latency = nullptr;
    std::array<std::atomic<prometheus::Counter*>, 600> by_status{};
  };

  prometheus::Counter* CounterFor(RouteSeries& series, unsigned status);

  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Gauge* in_flight_;
  std::mutex create_mu_;  // serialises lazy creation of counters
  std::vector<std::unique_ptr<RouteSeries>> routes_;
};

}  // namespace echotune::http
