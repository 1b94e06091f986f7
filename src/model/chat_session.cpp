#include "model/chat_session.h"

#include "model/checker.h"
#include "model/json_reader.h"

namespace echotune::model {

namespace json = boost::json;

namespace {

ChatMessage ReadMessage(JsonReader& r) {
  ChatMessage m;
  m.role = r.Enum("role", Role::kUser);
  m.content = r.OptString("content").value_or("");
  m.timestamp = r.OptDate("timestamp").value_or(core::TimePoint{});
  JsonReader md = r.Child("metadata");
  m.metadata.tokens_used = md.OptInt("tokens_used");
  m.metadata.response_time = md.OptNumber("response_time");
  m.metadata.intent = md.OptString("intent");
  m.metadata.spotify_action = md.OptString("spotifyAction");
  return m;
}

}  // namespace

core::Status Validate(const ChatMessage& m, std::string_view prefix) {
  std::string p(prefix);
  return Checker()
      .IntRange(p + "metadata.tokens_used", m.metadata.tokens_used, 0, INT64_MAX / 2)
      .Range(p + "metadata.response_time", m.metadata.response_time, 0, 1e12)
      .Done();
}

core::Status Validate(const ChatSession& s) {
  Checker c;
  if (s.user_id.IsZero()) c.Fail("userId", "userId is required");
  for (size_t i = 0; i < s.messages.size() && c.ok(); ++i) {
    c.Merge(Validate(s.messages[i], Indexed("messages", i)));
  }
  return c.Done();
}

json::object ToJson(const ChatMessage& m) {
  json::object md;
  PutInt(md, "tokens_used", m.metadata.tokens_used);
  PutNumber(md, "response_time", m.metadata.response_time);
  PutString(md, "intent", m.metadata.intent);
  PutString(md, "spotifyAction", m.metadata.spotify_action);
  json::object o{{"role", ToString(m.role)}, {"content", m.content}};
  PutDate(o, "timestamp", m.timestamp);
  o["metadata"] = std::move(md);
  return o;
}

json::object ToJson(const ChatSession& s) {
  json::array messages;
  for (const auto& m : s.messages) messages.push_back(ToJson(m));
  json::object o{{"_id", s.id.ToHex()}, {"sessionId", s.session_id}, {"userId", s.user_id.ToHex()}};
  PutString(o, "provider", s.provider);
  PutString(o, "model", s.model);
  o["messages"] = std::move(messages);
  o["context"] = json::object{{"spotify_data", s.context.spotify_data},
                              {"user_preferences", s.context.user_preferences}};
  o["messageCount"] = s.message_count;
  PutDate(o, "startTime", s.start_time);
  PutDate(o, "lastActivity", s.last_activity);
  PutDate(o, "createdAt", s.created_at);
  return o;
}

core::Result<ChatSession> ChatSessionFromJson(const json::value& value) {
  JsonReader r(value);
  ChatSession s;
  s.id = r.OptId("_id").value_or(core::ObjectId{});
  s.session_id = r.OptString("sessionId").value_or("");
  s.user_id = r.OptId("userId").value_or(core::ObjectId{});
  s.provider = r.OptString("provider");
  s.model = r.OptString("model");
  r.Each("messages", [&](JsonReader& m, size_t) { s.messages.push_back(ReadMessage(m)); });
  JsonReader ctx = r.Child("context");
  s.context = {ctx.Object("spotify_data"), ctx.Object("user_preferences")};
  s.message_count = r.Int("messageCount", static_cast<int64_t>(s.messages.size()));
  s.start_time = r.OptDate("startTime").value_or(core::TimePoint{});
  s.last_activity = r.OptDate("lastActivity").value_or(core::TimePoint{});
  s.created_at = r.OptDate("createdAt").value_or(core::TimePoint{});
  if (!r.ok()) return r.status().error();
  return s;
}

core::Result<ChatMessage> ChatMessageFromJson(const json::value& value) {
  JsonReader r(value);
  ChatMessage m = ReadMessage(r);
  if (!r.ok()) return r.status().error();
  return m;
}

}  // namespace echotune::model
