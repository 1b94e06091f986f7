// AnthropicProvider: the Anthropic Messages API (POST {base}/v1/messages,
// x-api-key, anthropic-version 2023-06-01). Streams as SSE events
// message_start, content_block_delta (text_delta), …, message_stop; an
// "error" event fails the call. See http_provider.h. Thread-safe.
#pragma once

#include "llm/http_provider.h"

namespace echotune::llm {

class AnthropicProvider final : public HttpProvider {
 public:
  using HttpProvider::HttpProvider;

  // The vendor's answers are outside input: public for fuzz/llm_stream_fuzz.cpp.
  core::Result<LlmReply> ParseReply(const boost::json::value& body) const override;
  EventOutcome ParseEvent(const SseEvent& event) const override;

 protected:
  spotify::HttpRequest BuildRequest(const LlmRequest& request, bool stream) const override;
};

}  // namespace echotune::llm
