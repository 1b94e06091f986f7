// Health probes of the service's dependencies, shown by GET /api/health.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>
#include <vector>

namespace echotune::api {

struct ServiceHealth {
  // "healthy", "connected" or "memory" (in-process cache by design) when
  // working as configured, "empty" (nothing to work on yet, e.g. no
  // catalogue to build a model from); "degraded" (working on a fallback,
  // e.g. the in-process cache while Redis is away, or popular tracks while
  // the model builds); "down".
  std::string status = "healthy";
  std::string detail;  // optional, e.g. "sqlite" or "memory fallback"
};

struct ServiceCheck {
  std::string name;  // key in the services map, e.g. "database", "cache"
  std::function<boost::asio::awaitable<ServiceHealth>()> probe;
};

using ServiceChecks = std::vector<ServiceCheck>;

}  // namespace echotune::api
