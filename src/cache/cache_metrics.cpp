#include "cache/cache_metrics.h"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <string>

namespace echotune::cache {

// Every label combination is created up front, so the hot path is one atomic
// add with no label hashing or family lock.
CacheMetrics::CacheMetrics(prometheus::Registry& registry) {
  auto& requests = prometheus::BuildCounter()
                       .Name("echotune_cache_requests_total")
                       .Help("Cache lookups by key pattern and result (hit or miss)")
                       .Register(registry);
  auto& fallbacks = prometheus::BuildCounter()
                        .Name("echotune_cache_fallbacks_total")
                        .Help("Cache operations served in-process because Redis was unavailable")
                        .Register(registry);
  for (size_t i = 0; i < kKeyPatternCount; ++i) {
    const std::string pattern(PatternName(static_cast<KeyPattern>(i)));
    hits_[i] = &requests.Add({{"pattern", pattern}, {"result", "hit"}});
    misses_[i] = &requests.Add({{"pattern", pattern}, {"result", "miss"}});
    fallbacks_[i] = &fallbacks.Add({{"pattern", pattern}});
  }
}

void CacheMetrics::Lookup(KeyPattern pattern, bool hit) {
  const auto i = static_cast<size_t>(pattern);
  (hit ? hits_[i] : misses_[i])->Increment();
}

void CacheMetrics::Fallback(KeyPattern pattern) {
  fallbacks_[static_cast<size_t>(pattern)]->Increment();
}

}  // namespace echotune::cache
