// CacheManager: the service's cache (SYSTEM.md §3). Redis when REDIS_URL is
// set, the in-process MemoryCache otherwise — and also whenever Redis is
// unreachable, at start or mid-run: losing Redis costs speed, never a request.
//
// Every operation is an awaitable that never throws and never reports an
// error: a failure of the cache is a miss (Get) or a no-op (Set/Del), and
// while Redis is down calls are served from memory. When Redis comes back it
// is used again, after the deletions it missed have been replayed on it (see
// PendingInvalidations) and the in-process copy has been cleared.
//
// Thread-safety: all methods may be called concurrently from any thread and
// any executor; each awaitable resumes on the caller's executor.
//
// Ownership: Create returns the sole owner. REQUIRES: `io`, `registry` and
// `clock` outlive the manager; the manager outlives every awaitable it
// returned (destroy it after the io_context's coroutines have finished, or
// while the io_context still runs). The Redis connection lives on a strand of
// `io`, so `io` must be running for Redis to be used.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cache/cache_health.h"
#include "cache/cache_keys.h"
#include "cache/cache_metrics.h"
#include "cache/memory_cache.h"
#include "cache/pending_invalidations.h"
#include "cache/redis_connection.h"
#include "core/clock.h"
#include "core/config.h"

namespace prometheus {
class Registry;
}

namespace echotune::cache {

struct CacheOptions {
  RedisOptions redis;
  size_t memory_shards = MemoryCache::kDefaultShards;
  size_t max_pending_invalidations = 100'000;
};

class CacheManager final {
 public:
  // In-process only when config.redis_url is empty; otherwise starts
  // connecting to Redis in the background (memory serves until it is up).
  // An unparsable REDIS_URL is logged and treated as Redis unreachable.
  // The in-process bound is config.cache_max_mb MiB.
  static std::unique_ptr<CacheManager> Create(boost::asio::io_context& io,
                                              const core::Config& config,
                                              prometheus::Registry& registry,
                                              const core::Clock& clock,
                                              CacheOptions options = {});
  ~CacheManager();
  CacheManager(const CacheManager&) = delete;
  CacheManager& operator=(const CacheManager&) = delete;

  // The value (any bytes), or nullopt on a miss or any failure.
  boost::asio::awaitable<std::optional<std::string>> Get(std::string key);
  // Get without a copy on a hit in memory: the cached bytes themselves,
  // immutable and valid while held (a Redis hit is moved, not copied); null
  // on a miss or any failure. For large values served as is (a cached body).
  boost::asio::awaitable<std::shared_ptr<const std::string>> GetShared(std::string key);
  // Stores `value` (any bytes, e.g. a serialised HTTP body) for `ttl`.
  // A ttl <= 0 deletes the key.
  boost::asio::awaitable<void> Set(std::string key, std::string value, std::chrono::seconds ttl);

  // Get parsed as JSON; a value that is not valid JSON is a miss.
  boost::asio::awaitable<std::optional<boost::json::value>> GetJson(std::string key);
  // Set of core::JsonWrite(value); `value` is serialised before this returns.
  boost::asio::awaitable<void> SetJson(std::string key, const boost::json::value& value,
                                       std::chrono::seconds ttl);

  // Get and delete as one atomic step (Redis GETDEL; erase-and-return in
  // memory): of concurrent Takes of one key, at most one gets the value — for
  // single-use values such as oauth:state:{state}. nullopt on a miss or any
  // failure (a Redis call that timed out may have consumed the value: the
  // caller sees a miss, never a second use).
  boost::asio::awaitable<std::optional<std::string>> Take(std::string key);
  // Take parsed as JSON; a value that is not valid JSON is a miss (and gone).
  boost::asio::awaitable<std::optional<boost::json::value>> TakeJson(std::string key);

  boost::asio::awaitable<void> Del(std::string key);
  // Deletes every key starting with `prefix` (Redis: SCAN + UNLINK).
  boost::asio::awaitable<void> DelPrefix(std::string prefix);

  // A recorded listen: deletes every recs:{userId}:* key.
  boost::asio::awaitable<void> InvalidateUserRecs(std::string_view user_id);
  // A preferences change: deletes user:{userId}:prefs.
  boost::asio::awaitable<void> InvalidateUserPrefs(std::string_view user_id);

  // Snapshot for /api/health. Thread-safe, non-blocking.
  CacheHealth Health() const;

  // Waits until Redis serves or `timeout` passes; true if it serves. For
  // start-up ("give Redis a moment") and tests. False at once in memory mode.
  boost::asio::awaitable<bool> WaitForRedis(std::chrono::milliseconds timeout);

  MemoryCache::Stats MemoryStats() const { return memory_->GetStats(); }

  // The Redis connection, shared with the service's other Redis users (the
  // cluster's publishes and counters); null in memory mode or with a bad URL.
  std::shared_ptr<RedisConnection> redis_connection() const { return redis_; }

  // Public for std::make_unique only; use Create.
  struct Private {};
  CacheManager(Private, boost::asio::io_context& io, const core::Config& config,
               prometheus::Registry& registry, const core::Clock& clock,
               const CacheOptions& options);

 private:
  bool RedisServing() const;
  void SetInMemory(std::string key, std::string value, std::chrono::seconds ttl,
                   KeyPattern pattern);
  void MissedByRedis(std::string key_or_prefix, bool is_prefix, KeyPattern pattern);

  // All fixed after construction; the pointees are thread-safe themselves.
  const bool redis_configured_;
  const std::shared_ptr<MemoryCache> memory_;
  const std::shared_ptr<PendingInvalidations> pending_;
  CacheMetrics metrics_;
  std::shared_ptr<RedisConnection> redis_;  // null in memory mode or with a bad URL
};

}  // namespace echotune::cache
