#include "api/model_sync.h"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

namespace echotune::api {

ModelSync::ModelSync(recs::RecEngine& engine, core::WorkerPool& workers, cache::CacheManager& cache,
                     cache::RedisPublisher& publisher, std::string origin, std::function<void()> rebuild)
    : engine_(engine),
      workers_(workers),
      cache_(cache),
      publisher_(publisher),
      origin_(std::move(origin)),
      rebuild_(std::move(rebuild)) {}

void ModelSync::Announce(const recs::Interaction& event) {
  ModelChange change{.origin = origin_, .user_id = event.user_id, .events = {event}};
  (void)publisher_.Publish(std::string(kModelChangesChannel), EncodeModelChange(change));
}

bool ModelSync::OnMessage(std::string_view channel, std::string_view payload) {
  if (channel != kModelChangesChannel) return false;
  auto change = DecodeModelChange(payload);
  if (!change.ok()) {
    spdlog::warn("redis pub/sub: ignored a malformed model change: {}", change.error().message);
    return true;
  }
  if (change->origin == origin_) return true;  // recorded here already
  // The fold takes the engine's lock and copies a profile: not on the
  // subscriber's io thread.
  workers_.Post([this, change = std::move(change).value()]() mutable { Apply(std::move(change)); });
  return true;
}

void ModelSync::Apply(ModelChange change) {
  for (const auto& e : change.events) engine_.RecordRemote(e);
  applied_.fetch_add(change.events.size(), std::memory_order_relaxed);
  {
    std::lock_guard lock(mu_);
    if (!invalidating_.insert(change.user_id).second) return;  // a queued deletion covers it
  }
  boost::asio::co_spawn(workers_.executor(), Invalidate(std::move(change.user_id)), boost::asio::detached);
}

// Taken out of the queued set before deleting: an event folded in from here
// on queues another deletion, so no answer of an older model survives.
boost::asio::awaitable<void> ModelSync::Invalidate(std::string user_id) {
  {
    std::lock_guard lock(mu_);
    invalidating_.erase(user_id);
  }
  co_await cache_.InvalidateUserRecs(user_id);
}

void ModelSync::CatchUp() {
  spdlog::info("redis pub/sub resumed: rebuilding the recommendation model from the store");
  workers_.Post([rebuild = rebuild_] { rebuild(); });
}

}  // namespace echotune::api
