// Service: the composition root of `echotune serve`. Builds every component
// from the Config, wires the routes, and owns them for the life of the process.
#pragma once

#include <prometheus/registry.h>

#include <memory>
#include <mutex>
#include <thread>

#include "core/config.h"
#include "core/result.h"
#include "core/worker_pool.h"
#include "http/http_metrics.h"
#include "http/jwt_codec.h"
#include "http/pipeline.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "http/server.h"
#include "api/api_context.h"
#include "api/known_users.h"
#include "api/login_codes.h"
#include "api/recommendation_refresher.h"
#include "api/recommendation_updates.h"
#include "api/now_playing_hub.h"
#include "api/realtime_events.h"
#include "realtime/socket_server.h"
#include "api/spotify_services.h"
#include "app/cluster.h"
#include "api/spotify_sync.h"
#include "api/deleted_user_sweep.h"
#include "cache/cache_manager.h"
#include "llm/provider_chain.h"
#include "llm/provider_health_hub.h"
#include "recs/rec_engine.h"
#include "store/store.h"

namespace echotune::app {

class Service final {
 public:
  // Everything but the listening socket; errors name what is misconfigured.
  static core::Result<std::unique_ptr<Service>> Create(core::Config config);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Binds and starts serving. After success, port() is the bound port.
  core::Status Start();
  uint16_t port() const { return server_->port(); }
  // Blocks until SIGINT/SIGTERM, then shuts down gracefully.
  void RunUntilSignal();
  void Shutdown();

  const core::Config& config() const { return config_; }
  const http::JwtCodec& jwt() const { return *jwt_; }
  store::Store& store() { return *store_; }
  cache::CacheManager& cache() { return *cache_; }
  core::WorkerPool& workers() { return *workers_; }
  recs::RecEngine& engine() { return *engine_; }
  // Fresh recommendations computed in the background (every 5 new listens of
  // a user); the real-time layer subscribes to push recommendation_update.
  api::RecommendationUpdates& recommendation_updates() { return *recommendation_updates_; }
  api::SpotifyServices& spotify() { return *spotify_; }
  // The scheduled recently-played pull (SPOTIFY_SYNC_INTERVAL_S).
  api::SpotifySync& spotify_sync() { return *spotify_sync_; }
  // now_playing / queue_update of users someone subscribed to (polls only then).
  api::NowPlayingHub& now_playing() { return *now_playing_; }
  // LLM breaker state changes (`provider_health`), for the real-time layer.
  llm::ProviderHealthHub& provider_health() { return provider_health_; }
  llm::ProviderChain& llm_chain() { return *llm_chain_; }
  // Socket.IO at /socket.io/ (issue 13) and where events are published: every
  // instance's sockets (through Redis with REDIS_URL), or this one's.
  realtime::SocketServer& sockets() { return *sockets_; }
  realtime::EventPublisher& publisher() {
    return cluster_ ? cluster_->publisher() : static_cast<realtime::EventPublisher&>(*sockets_);
  }
  // With REDIS_URL: the pub/sub bridge, model sync and shared refresh count.
  Cluster* cluster() { return cluster_.get(); }

 private:
  explicit Service(core::Config config);
  core::Status Init();
  void AddRoutes();
  void InitRealtime();
  // Starts building the recommendation model from the store in the
  // background (nothing to build from an empty catalogue). Never blocks long:
  // it joins a previous build's thread, so call it on a worker.
  void RebuildModel();

  core::Config config_;
  core::TimePoint started_at_;
  std::unique_ptr<core::WorkerPool> workers_;
  std::unique_ptr<store::Store> store_;
  // The cache's own event loop (hiredis I/O); stopped after the server.
  boost::asio::io_context cache_io_;
  std::thread cache_thread_;
  std::unique_ptr<cache::CacheManager> cache_;
  std::shared_ptr<prometheus::Registry> registry_;
  // The engine's refresh hook; its refreshes run on workers_ (stopped first).
  // Declared before server_ so that they outlive any handler frame the
  // server's io_contexts still hold (POST /api/history holds the refresher).
  std::unique_ptr<api::RecommendationUpdates> recommendation_updates_;
  std::unique_ptr<api::RecommendationRefresher> refresher_;
  // Spotify Web API client (own io thread); outlives the server's handlers.
  std::unique_ptr<api::SpotifyServices> spotify_;
  std::unique_ptr<api::SpotifySync> spotify_sync_;  // stopped before the workers
  std::unique_ptr<api::DeletedUserSweep> deleted_user_sweep_;  // DELETED_USER_SWEEP_S; stopped before the workers
  std::unique_ptr<api::NowPlayingHub> now_playing_;
  // LLM providers over spotify_->http (so declared after it) and their breakers.
  llm::ProviderHealthHub provider_health_;
  std::unique_ptr<llm::ProviderChain> llm_chain_;
  http::Router router_;
  std::unique_ptr<http::RateLimiter> limiter_;
  std::unique_ptr<http::JwtCodec> jwt_;
  std::unique_ptr<http::HttpMetrics> metrics_;
  std::unique_ptr<http::Pipeline> pipeline_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<api::KnownUsers> known_users_;
  std::unique_ptr<api::ApiContext> api_;
  std::unique_ptr<api::LoginCodes> login_codes_;  // one-time sign-in links (issue 14)
  // Built from the store in the background at start; cold-start rules serve meanwhile.
  std::unique_ptr<recs::RecEngine> engine_;
  // With REDIS_URL; stopped first in Shutdown, destroyed after the cache's
  // event loop has stopped (its callbacks run there).
  std::unique_ptr<Cluster> cluster_;
  std::mutex rebuild_mu_;  // serialises RebuildModel (RecEngine::RebuildAsync is one caller at a time)
  // Socket.IO; destroyed first (RealtimeEvents before the sockets it feeds).
  std::unique_ptr<realtime::SocketServer> sockets_;
  std::unique_ptr<api::RealtimeEvents> realtime_events_;
};

// The JWT secret: JWT_SECRET, else (embedded store only) a secret kept in
// <db_path>.jwt-secret, created on first use. With MongoDB, JWT_SECRET is
// required so that every instance signs alike.
core::Result<std::string> ResolveJwtSecret(const core::Config& config);

}  // namespace echotune::app
