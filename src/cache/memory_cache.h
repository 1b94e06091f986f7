// MemoryCache: the in-process cache — string values with a TTL each, bounded
// in bytes with least-recently-used eviction. Used alone when REDIS_URL is
// unset, and as the fallback whenever Redis is unreachable.
//
// Thread-safe: keys are spread over shards, each guarded by its own mutex, so
// io_context threads rarely contend. LRU order and the byte bound are per
// shard (each shard gets max_bytes / shards), which approximates a global LRU.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"

namespace echotune::cache {

class MemoryCache final {
 public:
  // Bytes charged per entry on top of key and value sizes (list and hash
  // nodes, string headers, expiry): an approximation, not a measurement.
  static constexpr size_t kEntryOverhead = 128;
  static constexpr size_t kDefaultShards = 16;

  // `clock` must outlive the cache. REQUIRES: shards >= 1.
  MemoryCache(size_t max_bytes, const core::Clock& clock, size_t shards = kDefaultShards);
  MemoryCache(const MemoryCache&) = delete;
  MemoryCache& operator=(const MemoryCache&) = delete;

  // A copy of the value, or nullopt when absent or expired. A hit makes the
  // entry most recently used.
  std::optional<std::string> Get(std::string_view key);
  // Get without the copy: the stored value itself (immutable; it stays valid
  // for as long as the caller holds it, even once replaced or evicted), or
  // null when absent or expired.
  std::shared_ptr<const std::string> GetShared(std::string_view key);

  // Stores (or replaces) the value until now + ttl, then evicts least recently
  // used entries of the shard until it fits. A ttl <= 0 deletes the key; an
  // entry bigger than a whole shard is not stored (and any old value is dropped).
  void Set(std::string_view key, std::string value, std::chrono::seconds ttl);

  // Removes the entry and returns its value, or nullopt
  // when absent or expired. Atomic: of concurrent Takes of one key, at most
  // one gets the value.
  std::optional<std::string> Take(std::string_view key);

  // Returns whether a live or expired entry was removed.
  bool Del(std::string_view key);

  // Removes every key starting with `prefix`; O(entries). Returns the count.
  size_t DelPrefix(std::string_view prefix);

  void Clear();

  struct Stats {
    size_t entries = 0;
    size_t bytes = 0;      // approximate, as charged against the bound
    size_t evictions = 0;  // LRU evictions since construction (not expiries)
  };
  Stats GetStats() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const std::string> value;  // never null; shared by GetShared
    core::TimePoint expires_at;
    size_t Bytes() const { return key.size() + value->size() + kEntryOverhead; }
  };
  using Lru = std::list<Entry>;  // front = most recently used

  struct Shard {
    mutable std::mutex mu;
    // Guarded by mu: lru, index, bytes, evictions. index keys view the key
    // strings owned by lru nodes (list nodes never move).
    Lru lru;
    std::unordered_map<std::string_view, Lru::iterator> index;
    size_t bytes = 0;
    size_t evictions = 0;
  };

  Shard& ShardFor(std::string_view key);
  // REQUIRES: shard.mu held.
  void Erase(Shard& shard, Lru::iterator it);
  void EvictToFit(Shard& shard);

  const size_t shard_max_bytes_;
  const core::Clock& clock_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace echotune::cache
