#include "llm/provider_chain.h"

#include <algorithm>
#include <chrono>

namespace echotune::llm {

namespace json = boost::json;
using boost::asio::awaitable;

namespace {

const std::vector<std::string> kDefaultOrder = {"gemini", "openai", "openrouter", "anthropic"};

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string StatusOf(bool configured, CircuitState s) {
  if (!configured) return "unconfigured";
  if (s == CircuitState::kOpen) return "unavailable";
  if (s == CircuitState::kHalfOpen) return "degraded";
  return "available";
}

}  // namespace

ProviderChain::ProviderChain(std::vector<std::unique_ptr<LlmProvider>> providers,
                             const std::vector<std::string>& fallback_chain, const core::Clock& clock,
                             ProviderHealthHub& hub, BreakerPolicy policy)
    : clock_(clock) {
  for (auto& p : providers) {
    std::string id = p->id();
    auto on_change = [&hub, &clock, id](CircuitState from, CircuitState to) {
      hub.Publish({id, from, to, clock.Now()});
    };
    Entry e{std::move(p), std::make_unique<CircuitBreaker>(clock, policy, on_change), std::nullopt};
    entries_.emplace(id, std::move(e));
  }
  const auto& order = fallback_chain.empty() ? kDefaultOrder : fallback_chain;
  for (const auto& id : order) {
    auto it = entries_.find(id);
    if (id == "mock" || it == entries_.end() || !it->second.provider->configured() || Contains(chain_, id)) {
      continue;
    }
    chain_.push_back(id);
  }
  if (entries_.count("mock")) chain_.push_back("mock");
}

std::vector<std::string> ProviderChain::OrderFor(const std::optional<std::string>& provider) const {
  if (!provider) return chain_;
  auto it = entries_.find(*provider);
  if (it == entries_.end() || !it->second.provider->configured()) return chain_;
  std::vector<std::string> order{*provider};
  for (const auto& id : chain_) {
    if (id != *provider) order.push_back(id);
  }
  return order;
}

CircuitBreaker* ProviderChain::breaker(const std::string& id) {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : it->second.breaker.get();
}

void ProviderChain::RecordLatency(Entry& e, int64_t ms) {
  std::lock_guard lock(mu_);
  e.latency_ms = e.latency_ms ? 0.8 * *e.latency_ms + 0.2 * static_cast<double>(ms) : static_cast<double>(ms);
}

awaitable<core::Result<ChainResult>> ProviderChain::Run(const LlmRequest& request,
                                                        const std::optional<std::string>& preferred,
                                                        const std::optional<std::string>& model,
                                                        const StreamSink* stream,
                                                        const ChainObserver* observer) {
  ChainResult result;
  json::array attempts;
  std::optional<core::Error> last_error;
  std::string last_provider;
  for (const std::string& id : OrderFor(preferred)) {
    Entry& e = entries_.at(id);
    if (!e.breaker->Allow()) {
      attempts.push_back({{"provider", id}, {"reason", "circuit_open"}});
      continue;
    }
    if (last_error && observer && observer->switched) observer->switched(last_provider, id, *last_error);
    LlmRequest attempt = request;
    attempt.model = (preferred && id == *preferred && model) ? *model : "";
    auto started = std::chrono::steady_clock::now();
    auto reply = co_await e.provider->Complete(attempt, stream);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    if (reply.ok()) {
      e.breaker->Success();
      RecordLatency(e, ms);
      result.reply = std::move(reply).value();
      if (result.reply.model.empty()) result.reply.model = attempt.model.empty() ? e.provider->default_model() : attempt.model;
      result.provider = id;
      result.latency_ms = ms;
      co_return result;
    }
    if (IsCancelled(reply.error()) || (request.cancel && request.cancel->load())) {
      e.breaker->Release();
      co_return std::move(reply).error();
    }
    e.breaker->Failure();
    result.failed.push_back(id);
    attempts.push_back({{"provider", id}, {"reason", reply.error().details.contains("reason")
                                                         ? reply.error().details.at("reason")
                                                         : json::value("error")}});
    last_error = std::move(reply).error();
    last_provider = id;
  }
  core::Error down{core::ErrorCode::kAllProvidersDown, "All LLM providers are unavailable; try again shortly", {}};
  down.details["attempts"] = std::move(attempts);
  co_return down;
}

std::vector<ProviderStatus> ProviderChain::Status() {
  std::vector<ProviderStatus> out;
  for (auto& [id, e] : entries_) {
    ProviderStatus s;
    s.id = id;
    s.name = e.provider->name();
    s.configured = e.provider->configured();
    s.circuit = e.breaker->state();
    s.status = StatusOf(s.configured, s.circuit);
    s.models = e.provider->models();
    s.default_model = e.provider->default_model();
    {
      std::lock_guard lock(mu_);
      s.latency_ms = e.latency_ms;
    }
    out.push_back(std::move(s));
  }
  return out;
}

json::object ToJson(const ProviderStatus& s) {
  json::array models;
  for (const auto& m : s.models) models.push_back(json::value(m));
  json::object o{{"id", s.id},
                 {"name", s.name},
                 {"status", s.status},
                 {"circuitState", ToString(s.circuit)},
                 {"models", std::move(models)},
                 {"defaultModel", s.default_model},
                 {"isConfigured", s.configured}};
  o["latencyMs"] = s.latency_ms ? json::value(static_cast<int64_t>(*s.latency_ms + 0.5)) : json::value(nullptr);
  return o;
}

}  // namespace echotune::llm
