#include "http/http_metrics.h"

#include <prometheus/text_serializer.h>

namespace echotune::http {
namespace {

const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return kBuckets;
}

}  // namespace

HttpMetrics::HttpMetrics(prometheus::Registry& registry, const std::vector<std::string>& routes)
    : requests_(prometheus::BuildCounter()
                    .Name("echotune_http_requests_total")
                    .Help("HTTP requests by route pattern and status")
                    .Register(registry)),
      in_flight_(&prometheus::BuildGauge()
                      .Name("echotune_http_requests_in_flight")
                      .Help("HTTP requests being handled")
                      .Register(registry)
                      .Add({})) {
  auto& latency = prometheus::BuildHistogram()
                      .Name("echotune_http_request_duration_seconds")
                      .Help("HTTP request latency by route pattern")
                      .Register(registry);
  prometheus::BuildGauge()
      .Name("echotune_build_info")
      .Help("Build information")
      .Register(registry)
      .Add({{"version", ECHOTUNE_VERSION}, {"compiler", __VERSION__}})
      .Set(1);
  std::vector<std::string> labels = routes;
  labels.push_back("unmatched");
  for (auto& label : labels) {
    auto series = std::make_unique<RouteSeries>();
    series->label = label;
    series->latency = &latency.Add({{"route", label}}, LatencyBuckets());
    routes_.push_back(std::move(series));
  }
}

prometheus::Counter* HttpMetrics::CounterFor(RouteSeries& series, unsigned status) {
  if (status >= series.by_status.size()) status = 599;
  auto& slot = series.by_status[status];
  if (auto* c = slot.load(std::memory_order_acquire)) return c;
  std::lock_guard lock(create_mu_);
  if (auto* c = slot.load()) return c;
  auto* c = &requests_.Add({{"route", series.label}, {"status", std::to_string(status)}});
  slot.store(c, std::memory_order_release);
  return c;
}

void HttpMetrics::RequestFinished(size_t route, unsigned status, double seconds) {
  in_flight_->Decrement();
  if (route >= routes_.size()) route = routes_.size() - 1;
  RouteSeries& series = *routes_[route];
  CounterFor(series, status)->Increment();
  series.latency->Observe(seconds);
}

std::string HttpMetrics::Render(const prometheus::Registry& registry) {
  return prometheus::TextSerializer().Serialize(registry.Collect());
}

}  // namespace echotune::http
