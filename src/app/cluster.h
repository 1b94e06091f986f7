// Cluster: what an instance of `echotune serve` runs with REDIS_URL so that N
// instances behind one load balancer behave as one (SYSTEM.md §8, issue 13;
// docs/deployment.md): a dedicated pub/sub connection (cache::RedisSubscriber)
// feeding the Socket.IO event bridge (realtime::ClusterBridge) and the model
// freshness sync (api::ModelSync), the cluster-wide every-5-listens count
// (api::ClusterRefreshCounter), and the lease that makes one instance the
// poller of a user's now-playing state (api::ClusterNowPlayingLease). Each
// instance has a random id (origin) so it recognises its own messages.
//
// Thread-safety: publisher() may be used from any thread. REQUIRES: every
// reference outlives the Cluster; `io` (the cache's event loop) runs until
// Stop and is stopped before the Cluster is destroyed.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "api/cluster_now_playing_lease.h"
#include "api/cluster_refresh_counter.h"
#include "api/model_sync.h"
#include "api/recommendation_refresher.h"
#include "cache/cache_manager.h"
#include "cache/redis_publisher.h"
#include "cache/redis_subscriber.h"
#include "core/config.h"
#include "realtime/cluster_bridge.h"
#include "realtime/socket_server.h"
#include "recs/rec_engine.h"

namespace echotune::app {

class Cluster final {
 public:
  struct Deps {
    boost::asio::io_context& io;
    cache::CacheManager& cache;
    core::WorkerPool& workers;
    realtime::SocketServer& sockets;
    recs::RecEngine& engine;
    api::RecommendationRefresher& refresher;
    prometheus::Registry& registry;
    std::function<void()> rebuild_model;  // starts a rebuild from the store; never blocks
  };

  // Null without REDIS_URL (or with one that does not parse: logged, and the
  // instance runs alone, as the cache does).
  static std::unique_ptr<Cluster> Create(const core::Config& config, Deps deps);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // Hooks into the engine and starts subscribing. Call once.
  void Start();
  // Unhooks from the engine and closes the subscription. Idempotent.
  void Stop();

  // Local sockets and, through Redis, every other instance's.
  realtime::EventPublisher& publisher() { return bridge_; }
  const realtime::ClusterBridge& bridge() const { return bridge_; }
  const api::ModelSync& model_sync() const { return model_sync_; }
  const cache::RedisSubscriber& subscriber() const { return *subscriber_; }
  const std::string& origin() const { return origin_; }
  // Which instance polls a user's player (api::NowPlayingHub).
  std::shared_ptr<api::NowPlayingLease> now_playing_lease() const { return now_playing_lease_; }

  Cluster(Deps deps, cache::RedisUrl url);

 private:
  void OnMessage(std::string_view channel, std::string_view payload);

  Deps deps_;
  const std::string origin_;
  cache::RedisPublisher publisher_;
  realtime::ClusterBridge bridge_;
  api::ModelSync model_sync_;
  api::ClusterRefreshCounter counter_;
  const std::shared_ptr<api::ClusterNowPlayingLease> now_playing_lease_;
  std::shared_ptr<cache::RedisSubscriber> subscriber_;
  bool stopped_ = false;
};

}  // namespace echotune::app
