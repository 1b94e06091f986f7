// NowPlayingLease: which instance polls a user's Spotify player. With several
// instances (SYSTEM.md §8), a user's sockets may sit on more than one of them;
// if each instance polled and published to the user's room, every socket
// would receive each now_playing/queue_update once per polling instance. The
// lease makes one instance the poller of a user at a time; its events reach
// the sockets on every instance through the cluster's event bridge.
//
// Without a lease (one instance) the hub polls every user it has
// subscribers for. Implementations: api::ClusterNowPlayingLease (Redis).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>

namespace echotune::api {

class NowPlayingLease {
 public:
  virtual ~NowPlayingLease() = default;

  // Takes the lease on `user_id`'s polling for `ttl`, or renews it when this
  // instance holds it. True when this instance is (still) the poller. Also
  // true when the arbiter cannot be reached: polling then degrades to one
  // poller per instance, never to none. Never throws.
  virtual boost::asio::awaitable<bool> Hold(std::string user_id, std::chrono::milliseconds ttl) = 0;

  // Gives the lease up if this instance holds it (its last subscriber of the
  // user left), so another instance takes over at its next poll instead of
  // after the lease expires. Never throws.
  virtual boost::asio::awaitable<void> Release(std::string user_id) = 0;
};

}  // namespace echotune::api
