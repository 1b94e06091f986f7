// OpenAiProvider: OpenAI-compatible chat completions (POST
// {base}/chat/completions, Bearer key) — OpenAI itself and OpenRouter, which
// speaks the same API. Streams as SSE "data: {choices[0].delta.content}" …
// "data: [DONE]". See http_provider.h for failures. Thread-safe.
#pragma once

#include "llm/http_provider.h"

namespace echotune::llm {

class OpenAiProvider final : public HttpProvider {
 public:
  using HttpProvider::HttpProvider;

  // The vendor's answers are outside input: public for fuzz/llm_stream_fuzz.cpp.
  core::Result<LlmReply> ParseReply(const boost::json::value& body) const override;
  EventOutcome ParseEvent(const SseEvent& event) const override;

 protected:
  spotify::HttpRequest BuildRequest(const LlmRequest& request, bool stream) const override;
};

}  // namespace echotune::llm
