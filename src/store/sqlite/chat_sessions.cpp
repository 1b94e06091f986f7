// ChatSessionsRepository on SQLite: lookup fields as columns, the session with
// its messages in "doc". Sessions older than the TTL (30 days) are invisible.
#include <openssl/rand.h>

#include <cstdio>

#include "store/sqlite/context.h"
#include "store/sqlite/schema.h"

namespace echotune::store::sqlite {

namespace {

// A random (version 4) UUID.
std::string NewUuid() {
  unsigned char b[16];
  RAND_bytes(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

class SqliteChatSessions final : public ChatSessionsRepository {
 public:
  explicit SqliteChatSessions(const Context& ctx) : ctx_(ctx) {}

  core::Result<model::ChatSession> Create(model::ChatSession s) override {
    if (auto st = model::Validate(s); !st.ok()) return std::move(st).error();
    s.id = ctx_.NewId();
    if (s.session_id.empty()) s.session_id = NewUuid();
    s.created_at = s.start_time = s.last_activity = ctx_.Now();
    for (auto& m : s.messages) Stamp(m);
    s.message_count = static_cast<int64_t>(s.messages.size());
    auto conn = ctx_.pool.Acquire();
    auto st = conn->Run(R"(INSERT INTO echotune_chat_sessions ("_id", "sessionId", "userId",
        "lastActivity", "createdAt", "doc") VALUES (?1, ?2, ?3, ?4, ?5, ?6))",
                        s.id.ToHex(), s.session_id, s.user_id.ToHex(), Ms(s.last_activity),
                        Ms(s.created_at), DocText(model::ToJson(s)));
    if (!st.ok()) return std::move(st).error();
    return s;
  }

  using ChatSessionsRepository::AppendMessage;
  core::Result<model::ChatSession> AppendMessage(std::string_view session_id, model::ChatMessage message,
                                                 const std::optional<AnsweredBy>& answered_by) override {
    if (auto st = model::Validate(message); !st.ok()) return std::move(st).error();
    Stamp(message);
    auto conn = ctx_.pool.Acquire();
    return InTransaction(*conn, [&]() -> core::Result<model::ChatSession> {
      auto s = Load(*conn, session_id);
      if (!s.ok()) return s;
      s->messages.push_back(std::move(message));
      s->message_count += 1;
      s->last_activity = ctx_.Now();
      if (answered_by) {
        s->provider = answered_by->provider;
        s->model = answered_by->model;
      }
      auto st = conn->Run(R"(UPDATE echotune_chat_sessions SET "lastActivity" = ?2, "doc" = ?3
          WHERE "_id" = ?1)", s->id.ToHex(), Ms(s->last_activity), DocText(model::ToJson(*s)));
      if (!st.ok()) return std::move(st).error();
      return s;
    });
  }

  core::Result<model::ChatSession> Get(std::string_view session_id) override {
    auto conn = ctx_.pool.Acquire();
    return Load(*conn, session_id);
  }

  core::Result<std::vector<model::ChatSession>> ListRecent(const core::ObjectId& user_id,
                                                           int64_t limit) override {
    auto conn = ctx_.pool.Acquire();
    return Docs(*conn, R"(SELECT "doc" FROM echotune_chat_sessions WHERE "userId" = ?1
        AND "createdAt" > ?2 ORDER BY "lastActivity" DESC, "_id" DESC LIMIT ?3)",
                user_id.ToHex(), Cutoff(), limit);
  }

  core::Status Delete(const core::ObjectId& user_id, std::string_view session_id) override {
    auto conn = ctx_.pool.Acquire();
    auto st = conn->Run(R"(DELETE FROM echotune_chat_sessions WHERE "sessionId" = ?1 AND "userId" = ?2
        AND "createdAt" > ?3)", std::string(session_id), user_id.ToHex(), Cutoff());
    if (!st.ok()) return st;
    if (conn->Changes() == 0) return NotFound("chat session");
    return core::Ok();
  }

 private:
  void Stamp(model::ChatMessage& m) const {
    if (m.timestamp == core::TimePoint{}) m.timestamp = ctx_.Now();
  }

  int64_t Cutoff() const {
    return ctx_.NowMs() - TtlRuleFor(collections::kChatSessions).seconds * 1000;
  }

  core::Result<model::ChatSession> Load(Connection& conn, std::string_view session_id) {
    auto list = Docs(conn, R"(SELECT "doc" FROM echotune_chat_sessions WHERE "sessionId" = ?1
        AND "createdAt" > ?2)", std::string(session_id), Cutoff());
    if (!list.ok()) return std::move(list).error();
    if (list->empty()) return NotFound("chat session");
    return std::move(list->front());
  }

  template <typename... Args>
  core::Result<std::vector<model::ChatSession>> Docs(Connection& conn, const char* sql,
                                                     const Args&... args) {
    auto s = conn.Prepare(sql, args...);
    if (!s.ok()) return std::move(s).error();
    std::vector<model::ChatSession> out;
    for (;;) {
      auto row = s->Step();
      if (!row.ok()) return std::move(row).error();
      if (!*row) return out;
      auto session = ParseDoc(s->TextView(0), model::ChatSessionFromJson);
      if (!session.ok()) return std::move(session).error();
      out.push_back(std::move(session).value());
    }
  }

  const Context ctx_;
};

}  // namespace

std::unique_ptr<ChatSessionsRepository> MakeChatSessionsRepository(const Context& ctx) {
  return std::make_unique<SqliteChatSessions>(ctx);
}

}  // namespace echotune::store::sqlite
