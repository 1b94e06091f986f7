#include "app/service.h"
#include "app/web_ui.h"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "api/analytics_routes.h"
#include "api/auth_routes.h"
#include "api/chat_routes.h"
#include "api/deleted_user_sweep.h"
#include "api/history_routes.h"
#include "api/login_link_routes.h"
#include "api/playlist_routes.h"
#include "api/recommendation_routes.h"
#include "api/settings_routes.h"
#include "api/spotify_routes.h"
#include "api/system_routes.h"
#include "api/test_routes.h"
#include "core/secret_file.h"
#include "llm/providers.h"
#include "recs/store_loader.h"

namespace echotune::app {
namespace {

// Owns the id for as long as the deletion runs (InvalidateUserRecs takes a view).
boost::asio::awaitable<void> DropCachedRecs(cache::CacheManager& cache, std::string user_id) {
  co_await cache.InvalidateUserRecs(user_id);
}

}  // namespace

core::Result<std::string> ResolveJwtSecret(const core::Config& config) {
  if (!config.jwt_secret.empty()) return config.jwt_secret;
  if (config.UsesMongo()) {
    return core::Error::Validation("JWT_SECRET",
                                   "JWT_SECRET is required with MONGODB_URI (shared by instances)");
  }
  bool created = false;
  auto secret = core::LoadOrCreateSecretFile(config.db_path + ".jwt-secret", 32, created);
  if (secret.ok() && created) {
    spdlog::warn("JWT_SECRET is not set: generated one into {}.jwt-secret", config.db_path);
  }
  return secret;
}

// The recommendation model: built (healthy), building (degraded: answers
// fall back to popular tracks meanwhile), or none ("empty": nothing to build
// from yet, which is not a fault).
api::ServiceHealth RecommendationsHealth(const recs::RecEngine& engine) {
  if (auto items = engine.items()) {
    return {"healthy", "model built: " + std::to_string(items->size()) + " tracks"};
  }
  if (engine.building()) return {"degraded", "model building: popular tracks meanwhile"};
  return {"empty", "no model: the catalogue is empty (echotune import catalog / echotune demo)"};
}

Service::Service(core::Config config)
    : config_(std::move(config)), started_at_(std::chrono::system_clock::now()) {}

Service::~Service() { Shutdown(); }

core::Result<std::unique_ptr<Service>> Service::Create(core::Config config) {
  std::unique_ptr<Service> service(new Service(std::move(config)));
  if (auto s = service->Init(); !s.ok()) return std::move(s).error();
  return service;
}

core::Status Service::Init() {
  auto secret = ResolveJwtSecret(config_);
  if (!secret.ok()) return secret.error();
  workers_ = std::make_unique<core::WorkerPool>(config_.worker_threads);
  auto store = store::OpenStore(config_, core::SystemClock::Instance());
  if (!store.ok()) return store.error();
  store_ = std::move(store).value();
  registry_ = std::make_shared<prometheus::Registry>();
  cache_ = cache::CacheManager::Create(cache_io_, config_, *registry_, core::SystemClock::Instance());
  cache_thread_ = std::thread([this] {
    auto guard = boost::asio::make_work_guard(cache_io_);
    cache_io_.run();
  });
  limiter_ = std::make_unique<http::RateLimiter>(config_.rate_limits, core::SystemClock::Instance());
  jwt_ = std::make_unique<http::JwtCodec>(*secret, config_.jwt_ttl_s, core::SystemClock::Instance());
  spotify_ = std::make_unique<api::SpotifyServices>(config_, *workers_, store_->users(), *registry_,
                                                    core::SystemClock::Instance());
  known_users_ = std::make_unique<api::KnownUsers>(core::SystemClock::Instance());
  api_ = std::make_unique<api::ApiContext>(api::ApiContext{
      config_, core::SystemClock::Instance(), *workers_, *store_, *cache_, *jwt_, spotify_.get(), known_users_.get()});
  auto login_codes = api::OpenLoginCodes(config_, core::SystemClock::Instance());
  if (!login_codes.ok()) return login_codes.error();
  login_codes_ = std::move(login_codes).value();
  engine_ = std::make_unique<recs::RecEngine>(recs::ModelConfig{}, core::SystemClock::Instance());
  RebuildModel();
  recommendation_updates_ = std::make_unique<api::RecommendationUpdates>();
  refresher_ = std::make_unique<api::RecommendationRefresher>(*api_, *engine_, *recommendation_updates_);
  spotify_sync_ = std::make_unique<api::SpotifySync>(*api_, *spotify_, *engine_, *refresher_,
                                                     std::chrono::seconds(config_.spotify_sync_interval_s));
  deleted_user_sweep_ = std::make_unique<api::DeletedUserSweep>(
      *store_, *engine_, std::chrono::seconds(config_.deleted_user_sweep_s),
      [this](const std::vector<std::string>& gone) {
        known_users_->Forget(gone);  // their token is refused from the next request
        for (const std::string& id : gone) {
          boost::asio::co_spawn(workers_->executor(), DropCachedRecs(*cache_, id), boost::asio::detached);
        }
        RebuildModel();  // the item side without their listens
      });
  llm_chain_ = std::make_unique<llm::ProviderChain>(llm::BuildProviders(config_, spotify_->http),
                                                   config_.llm_fallback_chain, core::SystemClock::Instance(),
                                                   provider_health_);
  realtime::SocketOptions options;
  options.max_per_user = config_.realtime_max_sockets_per_user;
  options.max_per_ip = config_.realtime_max_sessions_per_ip;
  options.cors_origins = config_.cors_origins;
  sockets_ = std::make_unique<realtime::SocketServer>(options, api::MakeSocketAuthenticator(*api_), *registry_);
  cluster_ = Cluster::Create(config_, Cluster::Deps{.io = cache_io_,
                                                    .cache = *cache_,
                                                    .workers = *workers_,
                                                    .sockets = *sockets_,
                                                    .engine = *engine_,
                                                    .refresher = *refresher_,
                                                    .registry = *registry_,
                                                    .rebuild_model = [this] { RebuildModel(); }});
  now_playing_ = std::make_unique<api::NowPlayingHub>(
      spotify_->player, std::chrono::milliseconds(config_.spotify_now_playing_poll_ms),
      cluster_ ? cluster_->now_playing_lease() : nullptr);
  if (!cluster_) {  // one instance: the engine counts the listens itself
    engine_->SetRefreshHook([refresher = refresher_.get()](const std::string& user_id) {
      refresher->Request(user_id);
    });
  }
  AddRoutes();
  std::vector<std::string> patterns;
  for (const auto& r : router_.routes()) patterns.push_back(r.pattern);
  metrics_ = std::make_unique<http::HttpMetrics>(*registry_, patterns);
  auto web_ui = LoadWebUi();  // the built web UI at / (issue 14)
  if (!web_ui.ok()) return std::move(web_ui).error();
  pipeline_ = std::make_unique<http::Pipeline>(
      config_, router_, *limiter_, *jwt_, *metrics_,
      http::PipelineHooks{.is_revoked = [this](const http::AuthContext& auth) {
                            return api::IsTokenRevoked(*api_, auth);
                          },
                          .fallback = std::move(web_ui).value()});
  server_ = std::make_unique<http::Server>(config_, *pipeline_);
  InitRealtime();
  return core::Ok();
}

void Service::RebuildModel() {
  auto n = store_->tracks().Count();
  if (!n.ok() || *n == 0) return;  // no model of an empty catalogue
  std::lock_guard lock(rebuild_mu_);
  engine_->RebuildAsync([this] {
    auto inputs = recs::LoadEngineInputs(*store_);
    if (!inputs.ok()) spdlog::error("recommendation model not built: {}", inputs.error().message);
    return inputs.ok() ? std::move(inputs).value() : recs::EngineInputs{};
  });
}

void Service::InitRealtime() {
  realtime_events_ = std::make_unique<api::RealtimeEvents>(*sockets_, publisher(), *now_playing_,
                                                           *recommendation_updates_, provider_health_, *pipeline_);
  server_->SetConnectionHook(sockets_.get());
}

void Service::AddRoutes() {
  api::ServiceChecks checks;
  checks.push_back({"database", [this]() -> boost::asio::awaitable<api::ServiceHealth> {
                      core::Status ping = co_await workers_->Run([this] { return store_->Ping(); });
                      std::string backend(store_->BackendName());
                      if (!ping.ok()) co_return api::ServiceHealth{"down", backend};
                      co_return api::ServiceHealth{"connected", backend};
                    }});
  checks.push_back({"cache", [this]() -> boost::asio::awaitable<api::ServiceHealth> {
                      auto health = cache_->Health();
                      co_return api::ServiceHealth{std::string(health.StatusName()),
                                                   config_.UsesRedis() ? "redis" : "in-process"};
                    }});
  checks.push_back({"recommendations", [this]() -> boost::asio::awaitable<api::ServiceHealth> {
                      co_return RecommendationsHealth(*engine_);
                    }});
  checks.push_back({"spotify", [this]() -> boost::asio::awaitable<api::ServiceHealth> {
                      auto h = spotify_->metrics.Health();  // degraded, never down: the rest works
                      co_return api::ServiceHealth{h.status, h.detail};
                    }});
  api::AddSystemRoutes(router_, api::SystemDeps{ECHOTUNE_VERSION, started_at_, std::move(checks),
                                                registry_, &router_});
  if (config_.test_routes) api::AddTestRoutes(router_, *workers_);
  if (config_.test_routes) api::AddModelTestRoutes(router_, *engine_);
  if (config_.test_routes) api::AddRealtimeTestRoutes(router_, *workers_, *sockets_, publisher());
  // Resource routes (issue 7) register here: api::Add<Resource>Routes(router_, *api_).
  api::AddAuthRoutes(router_, *api_, *spotify_);
  api::AddLoginLinkRoutes(router_, *api_, *login_codes_);
  api::AddSettingsRoutes(router_, *api_);
  api::AddAnalyticsRoutes(router_, *api_);
  api::AddHistoryRoutes(router_, *api_, *engine_, *refresher_);
  api::AddRecommendationRoutes(router_, *api_, *engine_);
  api::AddPlaylistRoutes(router_, *api_, *engine_);
  api::AddSpotifyRoutes(router_, *api_, *spotify_);
  api::AddChatRoutes(router_, *api_, *engine_, *llm_chain_);
}

core::Status Service::Start() {
  auto s = server_->Start();
  if (s.ok()) spotify_sync_->Start();
  if (s.ok()) deleted_user_sweep_->Start();
  if (s.ok()) sockets_->Start(server_->context(0));
  if (s.ok() && cluster_) cluster_->Start();
  if (s.ok()) {
    spdlog::info("listening on http://{}:{} ({} io threads, {} workers)", config_.host,
                 server_->port(), config_.threads, config_.worker_threads);
  }
  return s;
}

void Service::RunUntilSignal() {
  server_->RunUntilSignal();
  Shutdown();
}

void Service::Shutdown() {
  if (engine_) engine_->SetRefreshHook(nullptr);  // no new refreshes; queued ones finish below
  if (cluster_) cluster_->Stop();  // nor remote events
  if (sockets_) sockets_->Shutdown();  // sockets get DISCONNECT; their connections end
  if (server_) server_->Shutdown(std::chrono::seconds(config_.shutdown_grace_s));
  if (spotify_sync_) spotify_sync_->Stop();
  if (deleted_user_sweep_) deleted_user_sweep_->Stop();
  if (workers_) workers_->Stop();
  cache_.reset();
  cache_io_.stop();
  if (cache_thread_.joinable()) cache_thread_.join();
  cluster_.reset();  // nothing of it runs any more
  engine_.reset();  // joins a running build, which reads the store
  store_.reset();
}

}  // namespace echotune::app
