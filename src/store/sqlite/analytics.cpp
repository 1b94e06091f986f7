// AnalyticsRepository on SQLite: queried fields as columns, the event in "doc".
// Events with createdAt older than the TTL (90 days) are invisible.
#include "store/sqlite/context.h"
#include "store/sqlite/schema.h"

namespace echotune::store::sqlite {

namespace {

class SqliteAnalytics final : public AnalyticsRepository {
 public:
  explicit SqliteAnalytics(const Context& ctx) : ctx_(ctx) {}

  core::Result<model::AnalyticsEvent> Insert(model::AnalyticsEvent e) override {
    if (auto s = model::Validate(e); !s.ok()) return std::move(s).error();
    e.id = ctx_.NewId();
    e.created_at = ctx_.Now();
    std::optional<std::string> user;
    if (e.user_id) user = e.user_id->ToHex();
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Run(R"(INSERT INTO echotune_analytics_events ("_id", "userId", "eventType",
        "timestamp", "createdAt", "doc") VALUES (?1, ?2, ?3, ?4, ?5, ?6))",
                       e.id.ToHex(), user, std::string(model::ToString(e.event_type)),
                       Ms(e.timestamp), Ms(e.created_at), DocText(model::ToJson(e)));
    if (!s.ok()) return std::move(s).error();
    return e;
  }

  // One SQL text per combination of present conditions, so each is a cached
  // statement that can use the compound indexes.
  core::Result<std::vector<model::AnalyticsEvent>> Query(const EventQuery& q) override {
    std::string sql = R"(SELECT "doc" FROM echotune_analytics_events WHERE "createdAt" > ?1)";
    if (q.user_id) sql += R"( AND "userId" = ?2)";
    if (q.event_type) sql += R"( AND "eventType" = ?3)";
    if (q.from) sql += R"( AND "timestamp" >= ?4)";
    if (q.to) sql += R"( AND "timestamp" < ?5)";
    sql += R"( ORDER BY "timestamp" DESC, "_id" DESC LIMIT ?6)";
    const int64_t cutoff = ctx_.NowMs() - TtlRuleFor(collections::kAnalyticsEvents).seconds * 1000;
    std::optional<std::string> user, type;
    if (q.user_id) user = q.user_id->ToHex();
    if (q.event_type) type = std::string(model::ToString(*q.event_type));
    std::optional<int64_t> from, to;
    if (q.from) from = Ms(*q.from);
    if (q.to) to = Ms(*q.to);
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare(sql, cutoff, user, type, from, to, q.limit);
    if (!s.ok()) return std::move(s).error();
    std::vector<model::AnalyticsEvent> out;
    for (;;) {
      auto row = s->Step();
      if (!row.ok()) return std::move(row).error();
      if (!*row) return out;
      auto e = ParseDoc(s->TextView(0), model::AnalyticsEventFromJson);
      if (!e.ok()) return std::move(e).error();
      out.push_back(std::move(e).value());
    }
  }

 private:
  const Context ctx_;
};

}  // namespace

std::unique_ptr<AnalyticsRepository> MakeAnalyticsRepository(const Context& ctx) {
  return std::make_unique<SqliteAnalytics>(ctx);
}

}  // namespace echotune::store::sqlite
