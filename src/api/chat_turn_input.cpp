#include "api/chat_turn_input.h"

#include "model/enums.h"

namespace echotune::api {

namespace json = boost::json;

namespace {

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool Blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

core::Result<ChatTurnInput> ParseChatTurn(const json::value& body) {
  if (!body.is_object()) return core::Error::Validation("body", "a JSON object is required");
  const auto& o = body.as_object();
  ChatTurnInput in;
  const json::value* message = o.if_contains("message");
  if (!message || !message->is_string() || Blank(message->as_string())) {
    return core::Error::Validation("message", "message is required: a non-empty string");
  }
  in.message = std::string(message->as_string());
  if (Utf8Length(in.message) > kMaxChatMessageChars) {
    return core::Error::Validation("message", "message is longer than 4000 characters");
  }
  if (const json::value* sid = o.if_contains("sessionId"); sid && !sid->is_null()) {
    if (!sid->is_string() || sid->as_string().empty() || sid->as_string().size() > 64) {
      return core::Error::Validation("sessionId", "sessionId must be a session id string");
    }
    in.session_id = std::string(sid->as_string());
  }
  if (const json::value* st = o.if_contains("stream"); st && !st->is_null()) {
    if (!st->is_bool()) return core::Error::Validation("stream", "stream must be true or false");
    in.stream = st->as_bool();
  }
  if (const json::value* pv = o.if_contains("provider"); pv && !pv->is_null()) {
    if (!pv->is_string() || !model::FromString<model::LlmProvider>(pv->as_string())) {
      return core::Error::Validation("provider", "provider must be one of gemini, openai, openrouter, anthropic, mock");
    }
    in.provider = std::string(pv->as_string());
  }
  if (const json::value* mv = o.if_contains("model"); mv && !mv->is_null()) {
    if (!mv->is_string() || mv->as_string().empty() || mv->as_string().size() > 100) {
      return core::Error::Validation("model", "model must be a model name of at most 100 characters");
    }
    if (!in.provider) return core::Error::Validation("model", "model needs the provider it belongs to");
    in.model = std::string(mv->as_string());
  }
  return in;
}

}  // namespace echotune::api
