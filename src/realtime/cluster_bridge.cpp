#include "realtime/cluster_bridge.h"

#include <spdlog/spdlog.h>

namespace echotune::realtime {

namespace {

prometheus::Counter& Outcome(prometheus::Registry& registry, const std::string& outcome) {
  return prometheus::BuildCounter()
      .Name("echotune_realtime_cluster_events_total")
      .Help("Socket.IO events through Redis pub/sub: published, dropped (Redis down or busy), received "
            "(from another instance), malformed")
      .Register(registry)
      .Add({{"outcome", outcome}});
}

}  // namespace

ClusterBridge::ClusterBridge(EventPublisher& local, cache::RedisPublisher& publisher, std::string origin,
                             prometheus::Registry& registry)
    : local_(local),
      publisher_(publisher),
      origin_(std::move(origin)),
      published_metric_(Outcome(registry, "published")),
      dropped_metric_(Outcome(registry, "dropped")),
      received_metric_(Outcome(registry, "received")),
      malformed_metric_(Outcome(registry, "malformed")) {}

void ClusterBridge::ToUser(const std::string& user_id, std::string_view event, const boost::json::value& data) {
  local_.ToUser(user_id, event, data);
  Publish(ClusterEvent{.origin = origin_, .event = std::string(event), .user_id = user_id, .data = data});
}

void ClusterBridge::ToAll(std::string_view event, const boost::json::value& data) {
  local_.ToAll(event, data);
  Publish(ClusterEvent{.origin = origin_, .event = std::string(event), .user_id = std::nullopt, .data = data});
}

void ClusterBridge::Publish(const ClusterEvent& e) {
  const bool queued = publisher_.Publish(EventChannel(e.event), EncodeClusterEvent(e));
  (queued ? published_metric_ : dropped_metric_).Increment();
}

bool ClusterBridge::OnMessage(std::string_view channel, std::string_view payload) {
  if (!channel.starts_with(kEventChannelPrefix)) return false;
  auto e = DecodeClusterEvent(channel, payload);
  if (!e.ok()) {
    malformed_.fetch_add(1, std::memory_order_relaxed);
    malformed_metric_.Increment();
    spdlog::debug("redis pub/sub: ignored a malformed event on {}: {}", channel, e.error().message);
    return true;
  }
  if (e->origin == origin_) return true;  // delivered here when it was published
  received_.fetch_add(1, std::memory_order_relaxed);
  received_metric_.Increment();
  try {
    if (e->user_id) {
      local_.ToUser(*e->user_id, e->event, e->data);
    } else {
      local_.ToAll(e->event, e->data);
    }
  } catch (const std::exception& ex) {
    spdlog::error("redis pub/sub: delivering {} failed: {}", e->event, ex.what());
  }
  return true;
}

}  // namespace echotune::realtime
