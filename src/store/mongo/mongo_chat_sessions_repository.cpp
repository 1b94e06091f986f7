#include "store/mongo/mongo_chat_sessions_repository.h"

#include <openssl/rand.h>

#include <cstdio>

#include "store/index_spec.h"
#include "store/mongo/collection_ref.h"
#include "store/mongo/document_codec.h"

namespace echotune::store::mongo {
namespace {

constexpr const char* kColl = collections::kChatSessions;

// A random (version 4) UUID.
std::string NewUuid() {
  unsigned char b[16];
  RAND_bytes(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return out;
}

core::Result<model::ChatSession> Decode(BsonView doc) { return model::ChatSessionFromJson(DecodeDocument(doc)); }

Bson SessionIdFilter(std::string_view session_id, const Bson& live) {
  Bson filter = Bson::CopyOf(live.get());
  AppendString(filter.get(), "sessionId", session_id);
  return filter;
}

}  // namespace

Bson MongoChatSessionsRepository::Live() const {
  Bson filter;
  AppendDocument(filter.get(), "createdAt", [&](bson_t* c) { AppendTime(c, "$gt", ctx_.Now() - model::kChatSessionTtl); });
  return filter;
}

core::Result<model::ChatSession> MongoChatSessionsRepository::Create(model::ChatSession s) {
  if (s.session_id.empty()) s.session_id = NewUuid();
  s.created_at = s.start_time = s.last_activity = ctx_.Now();
  s.id = core::ObjectId::Generate(s.created_at);
  for (auto& m : s.messages) {
    if (m.timestamp == core::TimePoint{}) m.timestamp = s.created_at;
  }
  s.message_count = static_cast<int64_t>(s.messages.size());
  if (auto st = model::Validate(s); !st) return std::move(st).error();
  if (auto st = ctx_.RequireUser(s.user_id); !st) return std::move(st).error();
  if (auto st = CollectionRef(ctx_.pool, kColl).InsertOne(EncodeDocument(model::ToJson(s)), NoOpts()); !st) {
    return std::move(st).error();
  }
  return s;
}

core::Result<model::ChatSession> MongoChatSessionsRepository::AppendMessage(
    std::string_view session_id, model::ChatMessage message, const std::optional<AnsweredBy>& answered_by) {
  if (auto st = model::Validate(message); !st) return std::move(st).error();
  core::TimePoint now = ctx_.Now();
  if (message.timestamp == core::TimePoint{}) message.timestamp = now;
  Bson pushed = EncodeDocument(model::ToJson(message), "messages");
  Bson update;
  AppendDocument(update.get(), "$push", [&](bson_t* p) { AppendDoc(p, "messages", pushed.get()); });
  AppendDocument(update.get(), "$inc", [](bson_t* i) { AppendInt(i, "messageCount", 1); });
  AppendDocument(update.get(), "$set", [&](bson_t* s) {
    AppendTime(s, "lastActivity", now);
    if (answered_by) {
      AppendString(s, "provider", answered_by->provider);
      AppendString(s, "model", answered_by->model);
    }
  });
  auto doc = CollectionRef(ctx_.pool, kColl).UpdateAndFetch(SessionIdFilter(session_id, Live()), update, NoOpts());
  if (!doc) return std::move(doc).error();
  if (!*doc) return core::Error::NotFound("chat session " + std::string(session_id) + " not found");
  return Decode(BsonView((*doc)->get()));
}

core::Result<model::ChatSession> MongoChatSessionsRepository::Get(std::string_view session_id) {
  auto doc = CollectionRef(ctx_.pool, kColl).FindOne(SessionIdFilter(session_id, Live()), NoOpts());
  if (!doc) return std::move(doc).error();
  if (!*doc) return core::Error::NotFound("chat session " + std::string(session_id) + " not found");
  return Decode(BsonView((*doc)->get()));
}

core::Result<std::vector<model::ChatSession>> MongoChatSessionsRepository::ListRecent(const core::ObjectId& user_id,
                                                                                      int64_t limit) {
  if (limit <= 0) return std::vector<model::ChatSession>{};
  Bson filter = Live();
  AppendOid(filter.get(), "userId", user_id);
  auto docs = CollectionRef(ctx_.pool, kColl).Find(filter, SortLimit({{"lastActivity", -1}, {"_id", -1}}, limit));
  if (!docs) return std::move(docs).error();
  std::vector<model::ChatSession> out;
  for (const auto& doc : *docs) {
    auto s = Decode(BsonView(doc.get()));
    if (!s) return std::move(s).error();
    out.push_back(std::move(s).value());
  }
  return out;
}

core::Status MongoChatSessionsRepository::Delete(const core::ObjectId& user_id, std::string_view session_id) {
  Bson filter = SessionIdFilter(session_id, Live());
  AppendOid(filter.get(), "userId", user_id);
  auto n = CollectionRef(ctx_.pool, kColl).DeleteOne(filter, NoOpts());
  if (!n) return std::move(n).error();
  if (*n == 0) return core::Error::NotFound("chat session " + std::string(session_id) + " not found");
  return core::Ok();
}

}  // namespace echotune::store::mongo
