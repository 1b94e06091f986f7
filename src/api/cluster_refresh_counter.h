// ClusterRefreshCounter: "every 5 new listens of a user refresh that user's
// recommendations" (SYSTEM.md §6.2) counted once across every instance, so
// the refresh runs once per user and not once per instance. Each instance
// counts the listens it recorded with INCR echotune:refresh:listens:{userId}
// (kept a day after the last listen); the instance whose INCR reaches a
// multiple of `per_refresh` starts the refresh. While Redis is unreachable
// each instance counts its own listens in memory (per-instance counting:
// a refresh still happens, perhaps later, never twice for one listen).
//
// Thread-safety: Count may be called from any thread; it never blocks.
// REQUIRES: `io` (where the INCRs run) and `refresh` outlive the counter or
// `io` is stopped before it is destroyed.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "cache/redis_connection.h"

namespace echotune::api {

class ClusterRefreshCounter final {
 public:
  using Refresh = std::function<void(const std::string& user_id)>;

  // REQUIRES: per_refresh >= 1. `redis` null: memory only.
  ClusterRefreshCounter(std::shared_ptr<cache::RedisConnection> redis, boost::asio::io_context& io, int per_refresh,
                        Refresh refresh);
  ClusterRefreshCounter(const ClusterRefreshCounter&) = delete;
  ClusterRefreshCounter& operator=(const ClusterRefreshCounter&) = delete;

  // One new listen of `user_id` recorded here.
  void Count(const std::string& user_id);

  // "echotune:refresh:listens:{userId}".
  static std::string Key(const std::string& user_id);

 private:
  struct Shared;
  const std::shared_ptr<cache::RedisConnection> redis_;
  boost::asio::io_context& io_;
  const std::shared_ptr<Shared> shared_;  // with the INCRs in flight
};

}  // namespace echotune::api
