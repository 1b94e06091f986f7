#include "llm/anthropic_provider.h"

#include <boost/json/parse.hpp>

#include "core/json_write.h"

namespace echotune::llm {

namespace json = boost::json;

spotify::HttpRequest AnthropicProvider::BuildRequest(const LlmRequest& request, bool stream) const {
  json::array messages;
  for (const auto& m : request.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
  json::object body{{"model", ModelOf(request)},
                    {"messages", std::move(messages)},
                    {"max_tokens", request.max_tokens},
                    {"temperature", request.temperature},
                    {"stream", stream}};
  if (!request.system.empty()) body["system"] = request.system;
  spotify::HttpRequest r;
  r.method = "POST";
  r.url = config().base_url + "/v1/messages";
  r.headers = {{"x-api-key", config().api_key},
               {"anthropic-version", "2023-06-01"},
               {"Content-Type", "application/json"}};
  r.body = core::JsonWrite(body);
  return r;
}

core::Result<LlmReply> AnthropicProvider::ParseReply(const json::value& body) const {
  const json::value* content = body.is_object() ? body.as_object().if_contains("content") : nullptr;
  if (!content || !content->is_array()) return Fail("garbage", "answer has no content");
  LlmReply reply;
  for (const auto& block : content->as_array()) {
    if (StringAt(block, {"type"}) == "text") reply.text += StringAt(block, {"text"});
  }
  reply.model = StringAt(body, {"model"});
  reply.tokens_used = IntAt(body, {"usage", "input_tokens"}) + IntAt(body, {"usage", "output_tokens"});
  return reply;
}

EventOutcome AnthropicProvider::ParseEvent(const SseEvent& event) const {
  EventOutcome o;
  boost::system::error_code ec;
  json::value v = json::parse(event.data, ec);
  if (ec || !v.is_object()) {
    o.bad = true;
    return o;
  }
  std::string type = StringAt(v, {"type"});
  if (type == "error" || event.event == "error") {
    o.bad = true;
  } else if (type == "content_block_delta") {
    o.delta = StringAt(v, {"delta", "text"});
  } else if (type == "message_start") {
    o.model = StringAt(v, {"message", "model"});
    o.tokens = IntAt(v, {"message", "usage", "input_tokens"});
  } else if (type == "message_delta") {
    o.tokens = IntAt(v, {"usage", "output_tokens"});
  } else if (type == "message_stop") {
    o.done = true;
  }
  return o;
}

}  // namespace echotune::llm
