// ProviderChain: the LLM providers in fallback order, each behind its own
// CircuitBreaker (SYSTEM.md §5).
//
// The effective chain is LLM_FALLBACK_CHAIN's order (the default: gemini,
// openai, openrouter, anthropic) with unknown and unconfigured providers
// skipped and duplicates dropped, and `mock` (when registered) always last.
// A turn tries the user's preferred provider first when it is configured,
// then the chain; a provider whose breaker is open is skipped; a failure
// counts against its breaker and the next one is tried (observer.switched).
// A cancelled call stops the turn and counts against nobody. Nothing left →
// ALL_PROVIDERS_DOWN (503) with details.attempts.
//
// Breaker transitions are published on the ProviderHealthHub. Thread-safe;
// clock and hub outlive the chain.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "llm/circuit_breaker.h"
#include "llm/provider.h"
#include "llm/provider_health_hub.h"

namespace echotune::llm {

struct ChainResult {
  LlmReply reply;
  std::string provider;
  int64_t latency_ms = 0;                // of the provider that answered
  std::vector<std::string> failed;       // providers that failed first, in order
};

struct ChainObserver {
  // The turn moves from one provider to the next (`why` is from's failure).
  std::function<void(const std::string& from, const std::string& to, const core::Error& why)> switched;
};

struct ProviderStatus {
  std::string id, name;
  std::string status;  // "available", "degraded" (half-open), "unavailable" (open), "unconfigured"
  CircuitState circuit = CircuitState::kClosed;
  std::optional<double> latency_ms;  // moving average of successful calls
  std::vector<std::string> models;
  std::string default_model;
  bool configured = false;
};

class ProviderChain final {
 public:
  ProviderChain(std::vector<std::unique_ptr<LlmProvider>> providers,
                const std::vector<std::string>& fallback_chain, const core::Clock& clock,
                ProviderHealthHub& hub, BreakerPolicy policy = {});

  // The ids tried, in order, when the user has no preference.
  const std::vector<std::string>& fallback_chain() const { return chain_; }
  // The order for a user preferring `provider` (ignored when unknown or unconfigured).
  std::vector<std::string> OrderFor(const std::optional<std::string>& provider) const;

  // REQUIRES: request (and stream/observer when given) outlive the call.
  // `model` applies to the preferred provider only.
  boost::asio::awaitable<core::Result<ChainResult>> Run(const LlmRequest& request,
                                                        const std::optional<std::string>& preferred,
                                                        const std::optional<std::string>& model,
                                                        const StreamSink* stream,
                                                        const ChainObserver* observer);

  std::vector<ProviderStatus> Status();
  CircuitBreaker* breaker(const std::string& id);

 private:
  struct Entry {
    std::unique_ptr<LlmProvider> provider;
    std::unique_ptr<CircuitBreaker> breaker;
    std::optional<double> latency_ms;  // guarded by mu_
  };
  void RecordLatency(Entry& e, int64_t ms);

  const core::Clock& clock_;
  std::map<std::string, Entry> entries_;  // fixed after construction
  std::vector<std::string> chain_;
  std::mutex mu_;  // guards Entry::latency_ms
};

boost::json::object ToJson(const ProviderStatus& status);

}  // namespace echotune::llm
