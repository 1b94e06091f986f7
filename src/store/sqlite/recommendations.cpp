// RecommendationsRepository on SQLite: the document in "doc", the trackIds of
// its tracks in the side table echotune_recommendations_tracks (the multikey
// index "tracks.trackId_1"). Rows with expiresAt <= now are invisible; the
// sweeper deletes them (and, by cascade, their side rows).
#include <set>

#include "store/sqlite/context.h"

namespace echotune::store::sqlite {

namespace {

constexpr const char* kVisible = R"("userId" = ?1 AND "expiresAt" > ?2)";
constexpr const char* kNewestFirst = R"( ORDER BY "createdAt" DESC, "_id" DESC)";

class SqliteRecommendations final : public RecommendationsRepository {
 public:
  explicit SqliteRecommendations(const Context& ctx) : ctx_(ctx) {}

  core::Result<model::Recommendation> Save(model::Recommendation rec) override {
    if (auto s = model::Validate(rec); !s.ok()) return std::move(s).error();
    rec.id = ctx_.NewId();
    rec.created_at = ctx_.Now();
    rec.expires_at = rec.created_at + model::kRecommendationTtl;
    auto conn = ctx_.pool.Acquire();
    return InTransaction(*conn, [&]() -> core::Result<model::Recommendation> {
      auto s = conn->Run(R"(INSERT INTO echotune_recommendations ("_id", "userId", "createdAt",
          "expiresAt", "doc") VALUES (?1, ?2, ?3, ?4, ?5))", rec.id.ToHex(), rec.user_id.ToHex(),
                         Ms(rec.created_at), Ms(rec.expires_at), DocText(model::ToJson(rec)));
      if (!s.ok()) return std::move(s).error();
      std::set<std::string> ids;
      for (const auto& t : rec.tracks) ids.insert(t.track_id);
      for (const auto& id : ids) {
        s = conn->Run(R"(INSERT INTO echotune_recommendations_tracks ("_id", "tracks.trackId")
            VALUES (?1, ?2))", rec.id.ToHex(), id);
        if (!s.ok()) return std::move(s).error();
      }
      return rec;
    });
  }

  core::Result<std::optional<model::Recommendation>> Latest(const core::ObjectId& user_id) override {
    auto conn = ctx_.pool.Acquire();
    auto list = Docs(*conn, std::string(R"(SELECT "doc" FROM echotune_recommendations WHERE )") +
                                kVisible + kNewestFirst + " LIMIT 1",
                     user_id.ToHex(), ctx_.NowMs());
    if (!list.ok()) return std::move(list).error();
    if (list->empty()) return std::optional<model::Recommendation>();
    return std::optional<model::Recommendation>(std::move(list->front()));
  }

  core::Result<std::vector<model::Recommendation>> ListSince(const core::ObjectId& user_id,
                                                             core::TimePoint since) override {
    auto conn = ctx_.pool.Acquire();
    return Docs(*conn, std::string(R"(SELECT "doc" FROM echotune_recommendations WHERE )") +
                           kVisible + R"( AND "createdAt" >= ?3)" + kNewestFirst,
                user_id.ToHex(), ctx_.NowMs(), Ms(since));
  }

  core::Result<model::Recommendation> Get(const core::ObjectId& user_id,
                                          const core::ObjectId& id) override {
    auto conn = ctx_.pool.Acquire();
    return One(*conn, id, user_id);
  }

  core::Result<model::UserFeedback> RecordFeedback(const core::ObjectId& user_id,
                                                   const std::optional<core::ObjectId>& id,
                                                   const std::string& track_id,
                                                   model::FeedbackAction action) override {
    if (track_id.empty()) return core::Error::Validation("trackId", "trackId is required");
    auto conn = ctx_.pool.Acquire();
    return InTransaction(*conn, [&]() -> core::Result<model::UserFeedback> {
      auto rec = id ? One(*conn, *id, user_id) : Target(*conn, user_id, track_id);
      if (!rec.ok()) return std::move(rec).error();
      model::ApplyFeedback(rec->user_feedback, track_id, action);
      auto s = conn->Run(R"(UPDATE echotune_recommendations SET "doc" = ?2 WHERE "_id" = ?1)",
                         rec->id.ToHex(), DocText(model::ToJson(*rec)));
      if (!s.ok()) return std::move(s).error();
      return rec->user_feedback;
    });
  }

  core::Result<model::UserFeedback> FeedbackForUser(const core::ObjectId& user_id) override {
    auto conn = ctx_.pool.Acquire();
    auto list = Docs(*conn, std::string(R"(SELECT "doc" FROM echotune_recommendations WHERE )") +
                                kVisible + R"( ORDER BY "createdAt" ASC, "_id" ASC)",
                     user_id.ToHex(), ctx_.NowMs());
    if (!list.ok()) return std::move(list).error();
    model::UserFeedback all;
    for (const auto& rec : *list) {
      const auto& f = rec.user_feedback;
      for (const auto& t : f.liked_tracks) model::ApplyFeedback(all, t, model::FeedbackAction::kLike);
      for (const auto& t : f.disliked_tracks) {
        model::ApplyFeedback(all, t, model::FeedbackAction::kDislike);
      }
      for (const auto& t : f.saved_tracks) model::ApplyFeedback(all, t, model::FeedbackAction::kSave);
    }
    return all;
  }

 private:
  template <typename... Args>
  core::Result<std::vector<model::Recommendation>> Docs(Connection& conn, const std::string& sql,
                                                        const Args&... args) {
    auto s = conn.Prepare(sql, args...);
    if (!s.ok()) return std::move(s).error();
    std::vector<model::Recommendation> out;
    for (;;) {
      auto row = s->Step();
      if (!row.ok()) return std::move(row).error();
      if (!*row) return out;
      auto rec = ParseDoc(s->TextView(0), model::RecommendationFromJson);
      if (!rec.ok()) return std::move(rec).error();
      out.push_back(std::move(rec).value());
    }
  }

  core::Result<model::Recommendation> One(Connection& conn, const core::ObjectId& id,
                                          const core::ObjectId& user_id) {
    auto list = Docs(conn, std::string(R"(SELECT "doc" FROM echotune_recommendations WHERE )") +
                               kVisible + R"( AND "_id" = ?3)",
                     user_id.ToHex(), ctx_.NowMs(), id.ToHex());
    if (!list.ok()) return std::move(list).error();
    if (list->empty()) return NotFound("recommendation");
    return std::move(list->front());
  }

  // The newest recommendation holding the track, else the newest one.
  core::Result<model::Recommendation> Target(Connection& conn, const core::ObjectId& user_id,
                                             const std::string& track_id) {
    auto list = Docs(conn, std::string(R"(SELECT r."doc" FROM echotune_recommendations r
        JOIN echotune_recommendations_tracks t ON t."_id" = r."_id"
        WHERE r."userId" = ?1 AND r."expiresAt" > ?2 AND t."tracks.trackId" = ?3
        ORDER BY r."createdAt" DESC, r."_id" DESC LIMIT 1)"),
                     user_id.ToHex(), ctx_.NowMs(), track_id);
    if (list.ok() && list->empty()) {
      list = Docs(conn, std::string(R"(SELECT "doc" FROM echotune_recommendations WHERE )") +
                            kVisible + kNewestFirst + " LIMIT 1",
                  user_id.ToHex(), ctx_.NowMs());
    }
    if (!list.ok()) return std::move(list).error();
    if (list->empty()) return NotFound("recommendation");
    return std::move(list->front());
  }

  const Context ctx_;
};

}  // namespace

std::unique_ptr<RecommendationsRepository> MakeRecommendationsRepository(const Context& ctx) {
  return std::make_unique<SqliteRecommendations>(ctx);
}

}  // namespace echotune::store::sqlite
