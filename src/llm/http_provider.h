// HttpProvider: what the vendor clients share — one call through the
// asynchronous client layer (spotify::AsyncHttpClient: libcurl multi on its
// own thread, so no thread waits on a provider), the timeouts (first byte,
// whole answer), status mapping, and incremental SSE parsing of streamed
// answers. A vendor supplies the request, the parse of a whole answer and the
// meaning of one stream event.
//
// Failures (PROVIDER_UNAVAILABLE, details.reason): "unreachable",
// "first_byte_timeout", "timeout", "rate_limited" (429), "http_<status>",
// "garbage" (an answer or event that does not parse), "stream_cut" (the
// stream ended before the vendor's end marker), "empty" (no text), and
// "cancelled". Thread-safe.
#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "llm/provider.h"
#include "llm/sse_parser.h"
#include "spotify/async_http_client.h"

namespace echotune::llm {

struct ProviderConfig {
  std::string id;        // "openai", "openrouter", "anthropic", "gemini"
  std::string name;      // "OpenAI", …
  std::string base_url;  // without a trailing slash
  std::string api_key;   // empty: not configured
  std::string model;     // the default model
  std::vector<std::string> models;
  std::chrono::milliseconds first_token_timeout{20000};
  std::chrono::milliseconds timeout{60000};
};

// What one stream event meant.
struct EventOutcome {
  std::string delta;  // text to pass on (may be empty)
  bool done = false;  // the vendor's end-of-answer marker
  bool bad = false;   // garbage or an error event: the call fails
  int64_t tokens = 0; // usage, when the event reports it
  std::string model;  // when the event names it
};

class HttpProvider : public LlmProvider {
 public:
  // REQUIRES: http outlives the provider.
  HttpProvider(ProviderConfig config, spotify::AsyncHttpClient& http);

  const std::string& id() const override { return config_.id; }
  std::string name() const override { return config_.name; }
  bool configured() const override { return !config_.api_key.empty(); }
  std::string default_model() const override { return config_.model; }
  std::vector<std::string> models() const override { return config_.models; }
  boost::asio::awaitable<core::Result<LlmReply>> Complete(const LlmRequest& request,
                                                          const StreamSink* stream) override;

 protected:
  const ProviderConfig& config() const { return config_; }
  std::string ModelOf(const LlmRequest& r) const { return r.model.empty() ? config_.model : r.model; }
  virtual spotify::HttpRequest BuildRequest(const LlmRequest& request, bool stream) const = 0;
  // The whole answer of a non-streamed call; nullopt-like error when it does not parse.
  virtual core::Result<LlmReply> ParseReply(const boost::json::value& body) const = 0;
  virtual EventOutcome ParseEvent(const SseEvent& event) const = 0;

  core::Error Fail(std::string reason, std::string message) const {
    return ProviderError(config_.id, std::move(reason), std::move(message));
  }

 private:
  core::Error FromHttp(const core::Error& e) const;
  core::Error FromStatus(const spotify::HttpResponse& r) const;

  const ProviderConfig config_;
  spotify::AsyncHttpClient& http_;
};

// Text of a JSON string field path, "" when absent.
std::string StringAt(const boost::json::value& v, std::initializer_list<std::string_view> path);
int64_t IntAt(const boost::json::value& v, std::initializer_list<std::string_view> path);

}  // namespace echotune::llm
