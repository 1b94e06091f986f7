// CacheMetrics: Prometheus counters of the cache, per key pattern.
//   echotune_cache_requests_total{pattern, result="hit"|"miss"}  every Get
//   echotune_cache_fallbacks_total{pattern}  operations served by the
//       in-process cache because Redis is configured but was unavailable
// Thread-safe (prometheus-cpp counters are atomic). REQUIRES: the registry
// outlives this object; the counters themselves are owned by the registry.
#pragma once

#include <array>

#include "cache/cache_keys.h"

namespace prometheus {
class Counter;
class Registry;
}  // namespace prometheus

namespace echotune::cache {

class CacheMetrics final {
 public:
  explicit CacheMetrics(prometheus::Registry& registry);

  void Lookup(KeyPattern pattern, bool hit);
  void Fallback(KeyPattern pattern);

 private:
  using PerPattern = std::array<prometheus::Counter*, kKeyPatternCount>;
  PerPattern hits_{};
  PerPattern misses_{};
  PerPattern fallbacks_{};
};

}  // namespace echotune::cache
