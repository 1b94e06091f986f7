#include "llm/openai_provider.h"

#include <boost/json/parse.hpp>

#include "core/json_write.h"

namespace echotune::llm {

namespace json = boost::json;

spotify::HttpRequest OpenAiProvider::BuildRequest(const LlmRequest& request, bool stream) const {
  json::array messages;
  if (!request.system.empty()) messages.push_back({{"role", "system"}, {"content", request.system}});
  for (const auto& m : request.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
  json::object body{{"model", ModelOf(request)},
                    {"messages", std::move(messages)},
                    {"max_tokens", request.max_tokens},
                    {"temperature", request.temperature},
                    {"stream", stream}};
  spotify::HttpRequest r;
  r.method = "POST";
  r.url = config().base_url + "/chat/completions";
  r.headers = {{"Authorization", "Bearer " + config().api_key}, {"Content-Type", "application/json"}};
  if (stream) r.headers.emplace_back("Accept", "text/event-stream");
  if (config().id == "openrouter") r.headers.emplace_back("X-Title", "EchoTune");
  r.body = core::JsonWrite(body);
  return r;
}

core::Result<LlmReply> OpenAiProvider::ParseReply(const json::value& body) const {
  const json::value* choices = body.is_object() ? body.as_object().if_contains("choices") : nullptr;
  if (!choices || !choices->is_array() || choices->as_array().empty()) {
    return Fail("garbage", "answer has no choices");
  }
  return LlmReply{StringAt(body, {"choices", "0", "message", "content"}), StringAt(body, {"model"}),
                  IntAt(body, {"usage", "total_tokens"})};
}

EventOutcome OpenAiProvider::ParseEvent(const SseEvent& event) const {
  EventOutcome o;
  if (event.data == "[DONE]") {
    o.done = true;
    return o;
  }
  boost::system::error_code ec;
  json::value v = json::parse(event.data, ec);
  if (ec || !v.is_object() || v.as_object().contains("error")) {
    o.bad = true;
    return o;
  }
  o.delta = StringAt(v, {"choices", "0", "delta", "content"});
  o.model = StringAt(v, {"model"});
  o.tokens = IntAt(v, {"usage", "total_tokens"});
  return o;
}

}  // namespace echotune::llm
