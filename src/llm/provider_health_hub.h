// ProviderHealthHub: circuit-breaker state changes of the LLM providers,
// pushed to whoever listens (the real-time layer subscribes and forwards
// `provider_health` to sockets, SYSTEM.md §8), in the pattern of
// api::NowPlayingHub. Callbacks run on the thread that made the transition
// (a chat turn's), outside any lock: quick, never blocking; a callback may
// Subscribe/Unsubscribe. Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "llm/circuit_breaker.h"

namespace echotune::llm {

struct ProviderHealthEvent {
  std::string provider;  // "openai", …
  CircuitState from = CircuitState::kClosed;
  CircuitState to = CircuitState::kClosed;
  core::TimePoint at{};
};

// {provider, from, to, circuitState, at}: the `provider_health` payload.
boost::json::object ToJson(const ProviderHealthEvent& event);

class ProviderHealthHub final {
 public:
  using Callback = std::function<void(const ProviderHealthEvent& event)>;
  using SubscriptionId = uint64_t;

  SubscriptionId Subscribe(Callback callback);
  void Unsubscribe(SubscriptionId id);
  void Publish(const ProviderHealthEvent& event);

 private:
  std::mutex mu_;  // guards subscribers_, next_id_
  std::map<SubscriptionId, std::shared_ptr<Callback>> subscribers_;
  SubscriptionId next_id_ = 1;
};

}  // namespace echotune::llm
