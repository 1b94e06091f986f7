// ClusterBridge: the EventPublisher of an instance that runs with REDIS_URL
// (SYSTEM.md §8; docs/deployment.md). An event is delivered to this
// instance's sockets at once and published on Redis (one channel per event
// family, realtime/cluster_message.h) with this instance's id as origin;
// every instance's subscriber hands the message to OnMessage, which delivers
// it to the local sockets unless it came from this instance.
//
// Why deliver locally and skip one's own echoes (rather than deliver only
// what comes back from the subscription): delivery to local sockets does not
// depend on Redis at all — no added round trip, and while Redis is down
// events still reach every socket of this instance (delivery degrades to
// per-instance, never to nothing) without being buffered for later. Remote
// delivery is best effort, as Socket.IO events are (cache::RedisPublisher).
//
// Thread-safety: every method may be called from any thread. REQUIRES:
// `local` and `publisher` outlive the bridge.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <atomic>
#include <string>

#include "cache/redis_publisher.h"
#include "realtime/cluster_message.h"
#include "realtime/event_publisher.h"

namespace echotune::realtime {

class ClusterBridge final : public EventPublisher {
 public:
  ClusterBridge(EventPublisher& local, cache::RedisPublisher& publisher, std::string origin,
                prometheus::Registry& registry);
  ClusterBridge(const ClusterBridge&) = delete;
  ClusterBridge& operator=(const ClusterBridge&) = delete;

  // EventPublisher: local sockets now, every other instance through Redis.
  void ToUser(const std::string& user_id, std::string_view event, const boost::json::value& data) override;
  void ToAll(std::string_view event, const boost::json::value& data) override;

  // A pub/sub message. Returns false when `channel` is not an event channel
  // (someone else's message). Malformed payloads are counted and ignored;
  // this instance's own messages are skipped. Never throws.
  bool OnMessage(std::string_view channel, std::string_view payload);

  const std::string& origin() const { return origin_; }
  // Events from other instances delivered here / malformed messages ignored.
  uint64_t received() const { return received_.load(); }
  uint64_t malformed() const { return malformed_.load(); }

 private:
  void Publish(const ClusterEvent& e);

  EventPublisher& local_;
  cache::RedisPublisher& publisher_;
  const std::string origin_;
  std::atomic<uint64_t> received_{0}, malformed_{0};
  prometheus::Counter& published_metric_;
  prometheus::Counter& dropped_metric_;
  prometheus::Counter& received_metric_;
  prometheus::Counter& malformed_metric_;
};

}  // namespace echotune::realtime
