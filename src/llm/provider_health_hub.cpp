#include "llm/provider_health_hub.h"

#include <vector>

#include "core/time_format.h"

namespace echotune::llm {

boost::json::object ToJson(const ProviderHealthEvent& e) {
  return {{"provider", e.provider},
          {"from", ToString(e.from)},
          {"to", ToString(e.to)},
          {"circuitState", ToString(e.to)},
          {"at", core::FormatIso8601(e.at)}};
}

ProviderHealthHub::SubscriptionId ProviderHealthHub::Subscribe(Callback callback) {
  std::lock_guard lock(mu_);
  SubscriptionId id = next_id_++;
  subscribers_.emplace(id, std::make_shared<Callback>(std::move(callback)));
  return id;
}

void ProviderHealthHub::Unsubscribe(SubscriptionId id) {
  std::lock_guard lock(mu_);
  subscribers_.erase(id);
}

void ProviderHealthHub::Publish(const ProviderHealthEvent& event) {
  std::vector<std::shared_ptr<Callback>> callbacks;
  {
    std::lock_guard lock(mu_);
    for (auto& [id, cb] : subscribers_) callbacks.push_back(cb);
  }
  for (auto& cb : callbacks) (*cb)(event);
}

}  // namespace echotune::llm
