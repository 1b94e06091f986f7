#include "api/recommendation_updates.h"

#include <spdlog/spdlog.h>

namespace echotune::api {

RecommendationUpdates::SubscriptionId RecommendationUpdates::Subscribe(Callback callback) {
  std::lock_guard lock(mu_);
  auto next = std::make_shared<List>(*subscribers_);
  next->push_back(Subscriber{next_id_, std::move(callback)});
  subscribers_ = std::move(next);
  return next_id_++;
}

void RecommendationUpdates::Unsubscribe(SubscriptionId id) {
  std::lock_guard lock(mu_);
  auto next = std::make_shared<List>(*subscribers_);
  std::erase_if(*next, [id](const Subscriber& s) { return s.id == id; });
  subscribers_ = std::move(next);
}

void RecommendationUpdates::Publish(const std::string& user_id,
                                    const RecommendationUpdate& update) const {
  std::shared_ptr<const List> snapshot;
  {
    std::lock_guard lock(mu_);
    snapshot = subscribers_;
  }
  for (const auto& s : *snapshot) {
    try {
      s.callback(user_id, update);
    } catch (const std::exception& e) {
      spdlog::error("recommendation_update subscriber {} failed: {}", s.id, e.what());
    }
  }
}

}  // namespace echotune::api
