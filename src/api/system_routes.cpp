#include "api/system_routes.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <chrono>
#include <memory>
#include <mutex>

#include "api/docs_page.h"
#include "core/json_write.h"
#include "http/http_metrics.h"
#include "http/openapi.h"

namespace echotune::api {
namespace {

namespace json = boost::json;
using http::HandlerResult;
using http::Reply;
using http::Request;

bool IsUp(const std::string& status) {
  return status == "healthy" || status == "connected" || status == "memory" || status == "empty";
}

// Probe results are reused for kProbeTtl so that a load balancer or a
// benchmark polling /api/health does not turn into a database round trip per
// request. Once they are stale, the next caller starts one refresh in the
// background and still answers from the last results: a probe that waits
// behind a busy worker pool never holds up the health answer itself.
constexpr auto kProbeTtl = std::chrono::seconds(1);

struct ProbeCache {
  std::mutex mu;  // guards every field
  std::chrono::steady_clock::time_point taken;
  json::object services;
  bool all_up = true;
  bool valid = false;
  bool refreshing = false;
};

boost::asio::awaitable<std::pair<json::object, bool>> ProbeAll(const ServiceChecks& checks) {
  json::object services;
  bool all_up = true;
  for (const auto& check : checks) {
    auto start = std::chrono::steady_clock::now();
    ServiceHealth h;
    try {
      h = co_await check.probe();
    } catch (const std::exception& e) {
      h = ServiceHealth{"down", e.what()};
    }
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    json::object s{{"status", h.status}, {"latencyMs", core::RoundTo(ms, 3)}};
    if (!h.detail.empty()) s["detail"] = h.detail;
    services[check.name] = std::move(s);
    all_up = all_up && IsUp(h.status);
  }
  co_return std::make_pair(std::move(services), all_up);
}

boost::asio::awaitable<void> Refresh(std::shared_ptr<const SystemDeps> deps,
                                     std::shared_ptr<ProbeCache> cache) {
  auto result = co_await ProbeAll(deps->checks);
  std::lock_guard lock(cache->mu);
  cache->services = std::move(result.first);
  cache->all_up = result.second;
  cache->taken = std::chrono::steady_clock::now();
  cache->valid = true;
  cache->refreshing = false;
}

// Until the first probe has finished, callers probe in line (there is
// nothing to answer from yet); after that they answer from the cache, and
// the first caller to find it stale refreshes it in the background.
boost::asio::awaitable<std::pair<json::object, bool>> Services(
    std::shared_ptr<const SystemDeps> deps, std::shared_ptr<ProbeCache> cache) {
  bool refresh_behind = false;
  {
    std::lock_guard lock(cache->mu);
    if (cache->valid) {
      const bool stale = std::chrono::steady_clock::now() - cache->taken >= kProbeTtl;
      refresh_behind = stale && !cache->refreshing;
      cache->refreshing = cache->refreshing || refresh_behind;
      if (!refresh_behind) co_return std::make_pair(cache->services, cache->all_up);
    }
  }
  if (refresh_behind) {
    boost::asio::co_spawn(co_await boost::asio::this_coro::executor, Refresh(deps, cache),
                          boost::asio::detached);
  } else {
    co_await Refresh(deps, cache);
  }
  std::lock_guard lock(cache->mu);
  co_return std::make_pair(cache->services, cache->all_up);
}

boost::asio::awaitable<HandlerResult> Health(std::shared_ptr<const SystemDeps> deps,
                                             std::shared_ptr<ProbeCache> cache) {
  auto [services, all_up] = co_await Services(deps, std::move(cache));
  auto uptime = std::chrono::duration<double>(std::chrono::system_clock::now() - deps->started_at);
  json::object data{{"status", all_up ? "healthy" : "degraded"},
                    {"version", deps->version},
                    {"uptime", core::RoundTo(uptime.count(), 3)},
                    {"services", std::move(services)}};
  co_return Reply::Json(std::move(data));
}

}  // namespace

void AddSystemRoutes(http::Router& router, SystemDeps deps) {
  auto shared = std::make_shared<SystemDeps>(std::move(deps));
  auto probes = std::make_shared<ProbeCache>();
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/api/health",
              .tag = "system",
              .summary = "Service status, version, uptime and each dependency's status and latency",
              .handler = [shared, probes](Request&) { return Health(shared, probes); }});
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/metrics",
              .tag = "system",
              .summary = "Prometheus metrics (text exposition format)",
              .handler = [shared](Request&) -> boost::asio::awaitable<HandlerResult> {
                co_return Reply::Raw(http::HttpMetrics::Render(*shared->registry),
                                     "text/plain; version=0.0.4; charset=utf-8");
              }});
  // Generated once, on first use, when every route has been added.
  auto openapi = std::make_shared<std::pair<std::once_flag, std::string>>();
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/api/docs/openapi.json",
              .tag = "system",
              .summary = "OpenAPI 3.0 document of every endpoint",
              .handler = [shared, openapi](Request&) -> boost::asio::awaitable<HandlerResult> {
                std::call_once(openapi->first, [&] {
                  openapi->second =
                      core::JsonWrite(http::BuildOpenApi(*shared->router, shared->version));
                });
                co_return Reply::Raw(openapi->second, "application/json");
              }});
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/api/docs",
              .tag = "system",
              .summary = "API documentation page",
              .handler = [](Request&) -> boost::asio::awaitable<HandlerResult> {
                co_return Reply::Raw(std::string(kDocsPageHtml), "text/html; charset=utf-8");
              }});
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/api/docs/docs.js",
              .tag = "system",
              .summary = "Script of the documentation page",
              .handler = [](Request&) -> boost::asio::awaitable<HandlerResult> {
                co_return Reply::Raw(std::string(kDocsPageScript),
                                     "text/javascript; charset=utf-8");
              }});
}

}  // namespace echotune::api
