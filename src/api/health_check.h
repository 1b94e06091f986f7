// Health probes of the service's dependencies, shown by GET /api/health.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>
#include <vector>

namespace echotune::api {

struct ServiceHealth {
  // "healthy" or "connected" when fully working; "degraded" (working with a
  // fallback, e.g. the in-process cache); "down".
  std::string status = "healthy";
  std::string detail;  // optional, e.g. "sqlite" or "memory fallback"
};

struct ServiceCheck {
  std::string name;  // key in the services map, e.g. "database", "cache"
  std::function<boost::asio::awaitable<ServiceHealth>()> probe;
};

using ServiceChecks = std::vector<ServiceCheck>;

}  // namespace echotune::api
