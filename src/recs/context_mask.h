// ContextMask: which items of one model snapshot fit a request's context
// (ContextFilter::Fit). MaskCache keeps the last few masks of a snapshot, so
// requests asking for the same context (one of the moods, the same targets,
// the same settings) share one scan of the catalogue instead of each paying
// for it.
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace echotune::recs {

struct ContextMask {
  std::vector<std::uint8_t> allowed;  // one per item: 1 = fits
  std::vector<std::uint32_t> ids;     // the items that fit, ascending
  std::size_t count = 0;              // catalogue tracks that fit
};

// Least-recently-used, at most `capacity` masks (each about 1–5 bytes per
// item). Thread-safe. Masks are shared and immutable: a caller's copy stays
// valid after eviction.
class MaskCache final {
 public:
  static constexpr std::size_t kDefaultCapacity = 16;
  explicit MaskCache(std::size_t capacity = kDefaultCapacity) : capacity_(capacity) {}
  MaskCache(const MaskCache&) = delete;
  MaskCache& operator=(const MaskCache&) = delete;

  // The mask cached under `key`, else the one `make` builds, cached from then
  // on. `make` runs outside the lock: two threads missing the same key at
  // once both build it (identical masks; the second replaces the first).
  std::shared_ptr<const ContextMask> GetOrMake(const std::string& key,
                                               const std::function<ContextMask()>& make);

  std::size_t size() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const ContextMask>>;
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::list<Entry> entries_;  // guarded by mu_; most recently used first
};

}  // namespace echotune::recs
