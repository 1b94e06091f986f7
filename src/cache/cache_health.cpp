#include "cache/cache_health.h"

#include "core/json_write.h"

namespace echotune::cache {

std::string_view CacheHealth::StatusName() const {
  switch (status) {
    case Status::kConnected: return "connected";
    case Status::kDegraded: return "degraded";
    case Status::kMemory: return "memory";
  }
  return "memory";
}

boost::json::object CacheHealth::ToJson() const {
  boost::json::object out;
  out["status"] = StatusName();
  if (latency_ms) {
    out["latencyMs"] = core::RoundTo(*latency_ms, 3);
  } else {
    out["latencyMs"] = nullptr;
  }
  return out;
}

}  // namespace echotune::cache
