#include "llm/gemini_provider.h"

#include <boost/json/parse.hpp>

#include "core/json_write.h"

namespace echotune::llm {

namespace json = boost::json;

namespace {

// The text of candidates[0].content.parts[*].text; false when there is no candidate.
bool CandidateText(const json::value& v, std::string& text) {
  const json::value* c = v.is_object() ? v.as_object().if_contains("candidates") : nullptr;
  if (!c || !c->is_array() || c->as_array().empty()) return false;
  const json::value& first = c->as_array()[0];
  const json::value* parts = nullptr;
  const json::value* content = first.is_object() ? first.as_object().if_contains("content") : nullptr;
  if (content && content->is_object()) parts = content->as_object().if_contains("parts");
  if (parts && parts->is_array()) {
    for (const auto& p : parts->as_array()) text += StringAt(p, {"text"});
  }
  return true;
}

}  // namespace

spotify::HttpRequest GeminiProvider::BuildRequest(const LlmRequest& request, bool stream) const {
  json::array contents;
  for (const auto& m : request.messages) {
    contents.push_back({{"role", m.role == "assistant" ? "model" : "user"},
                        {"parts", json::array{json::object{{"text", m.content}}}}});
  }
  json::object body{{"contents", std::move(contents)},
                    {"generationConfig",
                     {{"maxOutputTokens", request.max_tokens}, {"temperature", request.temperature}}}};
  if (!request.system.empty()) {
    body["systemInstruction"] = {{"parts", json::array{json::object{{"text", request.system}}}}};
  }
  spotify::HttpRequest r;
  r.method = "POST";
  r.url = config().base_url + "/v1beta/models/" + ModelOf(request) +
          (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
  r.headers = {{"x-goog-api-key", config().api_key}, {"Content-Type", "application/json"}};
  r.body = core::JsonWrite(body);
  return r;
}

core::Result<LlmReply> GeminiProvider::ParseReply(const json::value& body) const {
  LlmReply reply;
  if (!CandidateText(body, reply.text)) return Fail("garbage", "answer has no candidates");
  reply.model = StringAt(body, {"modelVersion"});
  reply.tokens_used = IntAt(body, {"usageMetadata", "totalTokenCount"});
  return reply;
}

EventOutcome GeminiProvider::ParseEvent(const SseEvent& event) const {
  EventOutcome o;
  boost::system::error_code ec;
  json::value v = json::parse(event.data, ec);
  if (ec || !v.is_object() || v.as_object().contains("error") || !CandidateText(v, o.delta)) {
    o.bad = true;
    return o;
  }
  o.done = !StringAt(v, {"candidates", "0", "finishReason"}).empty();
  o.model = StringAt(v, {"modelVersion"});
  o.tokens = IntAt(v, {"usageMetadata", "totalTokenCount"});
  return o;
}

}  // namespace echotune::llm
