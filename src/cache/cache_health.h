// CacheHealth: what /api/health shows for the cache.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

namespace echotune::cache {

struct CacheHealth {
  enum class Status {
    kConnected,  // REDIS_URL set and Redis serving
    kDegraded,   // REDIS_URL set, Redis unreachable: the in-process cache serves
    kMemory,     // REDIS_URL unset: in-process cache by design
  };
  Status status = Status::kMemory;
  std::optional<double> latency_ms;  // last PING round trip; only when connected

  // "connected" | "degraded" | "memory".
  std::string_view StatusName() const;
  // {"status": "connected", "latencyMs": 0.412} (latencyMs null unless connected).
  // Serialise with core::JsonWrite.
  boost::json::object ToJson() const;
};

}  // namespace echotune::cache
