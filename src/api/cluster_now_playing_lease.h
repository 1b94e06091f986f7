// ClusterNowPlayingLease: the NowPlayingLease of an instance running with
// REDIS_URL. The lease of a user is the key
// echotune:nowplaying:poller:{userId}, holding the id (origin) of the
// instance that polls, with a TTL: taking and renewing it is one atomic
// script (take when absent, renew when ours, refuse when another instance's),
// releasing deletes it only when ours. An instance that dies without
// releasing loses the lease when the TTL runs out, and the next instance with
// subscribers of that user takes over.
//
// While Redis is unreachable Hold answers true (per-instance polling: each
// instance publishes what it polls, sockets of the user on two instances may
// then see an event twice, never none).
//
// Thread-safety: Hold and Release may be called from any executor.
// REQUIRES: `redis` is started; its io_context runs while calls are pending.
#pragma once

#include <memory>
#include <string>

#include "api/now_playing_lease.h"
#include "cache/redis_connection.h"

namespace echotune::api {

class ClusterNowPlayingLease final : public NowPlayingLease {
 public:
  ClusterNowPlayingLease(std::shared_ptr<cache::RedisConnection> redis, std::string origin);

  boost::asio::awaitable<bool> Hold(std::string user_id, std::chrono::milliseconds ttl) override;
  boost::asio::awaitable<void> Release(std::string user_id) override;

  // "echotune:nowplaying:poller:{userId}".
  static std::string Key(const std::string& user_id);

 private:
  const std::shared_ptr<cache::RedisConnection> redis_;
  const std::string origin_;
};

}  // namespace echotune::api
