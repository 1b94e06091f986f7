// LlmProvider: one LLM vendor's chat API behind a small interface (the
// OpenAI-compatible chat completions of OpenAI and OpenRouter, Anthropic
// Messages, Gemini generateContent, and the built-in `mock`).
//
// Complete answers one request. With `stream` set, the answer's text arrives
// in pieces through stream->delta as the provider produces it (on any
// thread; quick, never blocking), and the returned reply holds the whole text
// too. A failure is a value: PROVIDER_UNAVAILABLE (refused, timed out, 429,
// 5xx, garbage, a stream cut before its end), with details.reason; when the
// request was cancelled (request.cancel set or delta returned false) the
// error has details.reason "cancelled" and is no fault of the provider.
// Implementations are thread-safe; calls may run concurrently.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace echotune::llm {

struct LlmMessage {
  std::string role;  // "user" | "assistant"
  std::string content;
};

// What the music-aware mock answers from (the prompt holds the same facts as
// text for real providers).
struct MusicFacts {
  std::string user_name;
  std::vector<std::string> top_artists;
  std::vector<std::string> top_genres;
  std::vector<std::string> recent_tracks;       // "Title — Artist"
  std::vector<std::string> recommended_tracks;  // "Title — Artist"
  std::string now_playing;                      // "Title — Artist", empty when unknown
  std::string intent;                           // chat::IntentName
  std::string action_summary;                   // what the action did, empty when none
  bool action_failed = false;
};

struct LlmRequest {
  std::string model;   // empty: the provider's default
  std::string system;  // the system prompt
  std::vector<LlmMessage> messages;  // oldest first; the last is the user's turn
  int max_tokens = 512;
  double temperature = 0.7;
  MusicFacts facts;
  std::shared_ptr<std::atomic<bool>> cancel;  // optional: set to abandon the call
};

struct LlmReply {
  std::string text;
  std::string model;  // the model that answered
  int64_t tokens_used = 0;
};

struct StreamSink {
  // A piece of the answer's text. False: stop (the client went away).
  std::function<bool(std::string_view delta)> delta;
};

class LlmProvider {
 public:
  virtual ~LlmProvider() = default;
  virtual const std::string& id() const = 0;    // "openai", "openrouter", "anthropic", "gemini", "mock"
  virtual std::string name() const = 0;         // display name
  virtual bool configured() const = 0;          // an API key is set (mock: always)
  virtual std::string default_model() const = 0;
  virtual std::vector<std::string> models() const = 0;
  // REQUIRES: request outlives the call (by reference: g++ 12 and coroutine prvalues).
  virtual boost::asio::awaitable<core::Result<LlmReply>> Complete(const LlmRequest& request,
                                                                  const StreamSink* stream) = 0;
};

// PROVIDER_UNAVAILABLE with details {provider, reason}.
core::Error ProviderError(const std::string& provider, std::string reason, std::string message);
// True for the error of a cancelled call.
bool IsCancelled(const core::Error& error);

}  // namespace echotune::llm
