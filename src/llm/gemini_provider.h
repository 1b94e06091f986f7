// GeminiProvider: Google's Gemini API — POST
// {base}/v1beta/models/{model}:generateContent, and for streams
// :streamGenerateContent?alt=sse (each SSE event a GenerateContentResponse;
// the one with a candidate's finishReason ends the answer). The key goes in
// the x-goog-api-key header, never in the URL. Roles: user / model; the
// system prompt is systemInstruction. See http_provider.h. Thread-safe.
#pragma once

#include "llm/http_provider.h"

namespace echotune::llm {

class GeminiProvider final : public HttpProvider {
 public:
  using HttpProvider::HttpProvider;

  // The vendor's answers are outside input: public for fuzz/llm_stream_fuzz.cpp.
  core::Result<LlmReply> ParseReply(const boost::json::value& body) const override;
  EventOutcome ParseEvent(const SseEvent& event) const override;

 protected:
  spotify::HttpRequest BuildRequest(const LlmRequest& request, bool stream) const override;
};

}  // namespace echotune::llm
