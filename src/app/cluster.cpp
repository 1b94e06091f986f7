#include "app/cluster.h"

#include <spdlog/spdlog.h>

#include "core/random.h"

namespace echotune::app {

std::unique_ptr<Cluster> Cluster::Create(const core::Config& config, Deps deps) {
  if (config.redis_url.empty()) return nullptr;
  auto url = cache::ParseRedisUrl(config.redis_url);
  if (!url.ok()) {
    spdlog::error("REDIS_URL: {}; events and model updates stay on this instance", url.error().message);
    return nullptr;
  }
  return std::make_unique<Cluster>(std::move(deps), std::move(url).value());
}

Cluster::Cluster(Deps deps, cache::RedisUrl url)
    : deps_(std::move(deps)),
      origin_(core::SecureRandomHex(8)),
      publisher_(deps_.cache.redis_connection(), deps_.io),
      bridge_(deps_.sockets, publisher_, origin_, deps_.registry),
      model_sync_(deps_.engine, deps_.workers, deps_.cache, publisher_, origin_, deps_.rebuild_model),
      counter_(deps_.cache.redis_connection(), deps_.io, deps_.engine.config().listens_per_refresh,
               [&refresher = deps_.refresher](const std::string& user) { refresher.Request(user); }),
      now_playing_lease_(std::make_shared<api::ClusterNowPlayingLease>(deps_.cache.redis_connection(), origin_)),
      subscriber_(cache::RedisSubscriber::Create(
          deps_.io, std::move(url),
          {.channels = {std::string(api::kModelChangesChannel)},
           .patterns = {std::string(realtime::kEventChannelPattern)}})) {}

Cluster::~Cluster() { Stop(); }

void Cluster::Start() {
  deps_.engine.SetRecordObserver([this](const recs::Interaction& e) {
    model_sync_.Announce(e);
    if (e.play_count > 0) counter_.Count(e.user_id);
  });
  subscriber_->Start([this](std::string_view channel, std::string_view payload) { OnMessage(channel, payload); },
                     [this](bool resumed) {
                       if (resumed) model_sync_.CatchUp();
                     });
  spdlog::info("cluster: instance {} shares events and model updates through Redis", origin_);
}

void Cluster::Stop() {
  if (std::exchange(stopped_, true)) return;
  deps_.engine.SetRecordObserver(nullptr);
  subscriber_->Stop();
}

void Cluster::OnMessage(std::string_view channel, std::string_view payload) {
  if (bridge_.OnMessage(channel, payload)) return;
  if (model_sync_.OnMessage(channel, payload)) return;
  spdlog::debug("redis pub/sub: message on an unknown channel {}", channel);
}

}  // namespace echotune::app
