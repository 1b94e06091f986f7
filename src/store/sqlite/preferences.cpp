// PreferencesRepository on SQLite: one row per user (unique "userId"), the
// document in "doc".
#include "store/sqlite/context.h"

namespace echotune::store::sqlite {

namespace {

class SqlitePreferences final : public PreferencesRepository {
 public:
  explicit SqlitePreferences(const Context& ctx) : ctx_(ctx) {}

  core::Result<model::UserPreferences> Get(const core::ObjectId& user_id) override {
    auto conn = ctx_.pool.Acquire();
    return Load(*conn, user_id);
  }

  core::Result<model::UserPreferences> Upsert(const core::ObjectId& user_id,
                                              const model::PreferencesPatch& patch) override {
    if (auto s = model::Validate(patch); !s.ok()) return std::move(s).error();
    auto conn = ctx_.pool.Acquire();
    return InTransaction(*conn, [&]() -> core::Result<model::UserPreferences> {
      auto prefs = Load(*conn, user_id);
      if (!prefs.ok()) return prefs;
      model::ApplyPatch(*prefs, patch);
      return Write(*conn, std::move(prefs).value());
    });
  }

  core::Result<model::UserFeedback> AddTrackFeedback(const core::ObjectId& user_id, model::FeedbackAction action,
                                                     const std::vector<std::string>& track_ids) override {
    for (const auto& id : track_ids) {
      if (id.empty()) return core::Error::Validation("trackId", "trackId must not be empty");
    }
    auto conn = ctx_.pool.Acquire();
    return InTransaction(*conn, [&]() -> core::Result<model::UserFeedback> {
      auto prefs = Load(*conn, user_id);
      if (!prefs.ok()) return std::move(prefs).error();
      if (!prefs->track_feedback) prefs->track_feedback.emplace();
      for (const auto& id : track_ids) model::ApplyFeedback(*prefs->track_feedback, id, action);
      auto stored = Write(*conn, std::move(prefs).value());
      if (!stored.ok()) return std::move(stored).error();
      return *stored->track_feedback;
    });
  }

 private:
  // Writes `prefs` (a new document gets its _id and createdAt), updatedAt = now.
  // REQUIRES: inside a transaction on `conn`.
  core::Result<model::UserPreferences> Write(Connection& conn, model::UserPreferences prefs) {
    if (prefs.id.IsZero()) {
      prefs.id = ctx_.NewId();
      prefs.created_at = ctx_.Now();
    }
    prefs.updated_at = ctx_.Now();
    if (auto s = model::Validate(prefs); !s.ok()) return std::move(s).error();
    auto s = conn.Run(R"(INSERT INTO echotune_user_preferences ("_id", "userId", "doc")
        VALUES (?1, ?2, ?3) ON CONFLICT("_id") DO UPDATE SET "doc" = excluded."doc")",
                      prefs.id.ToHex(), prefs.user_id.ToHex(), DocText(model::ToJson(prefs)));
    if (!s.ok()) return std::move(s).error();
    return prefs;
  }

  // The stored document, or defaults (zero _id) for a user without one.
  core::Result<model::UserPreferences> Load(Connection& conn, const core::ObjectId& user_id) {
    auto user = conn.Prepare(R"(SELECT 1 FROM echotune_users WHERE "_id" = ?1)", user_id.ToHex());
    if (!user.ok()) return std::move(user).error();
    auto found = user->Step();
    if (!found.ok()) return std::move(found).error();
    if (!*found) return NotFound("user");
    auto s = conn.Prepare(R"(SELECT "doc" FROM echotune_user_preferences WHERE "userId" = ?1)",
                          user_id.ToHex());
    if (!s.ok()) return std::move(s).error();
    auto row = s->Step();
    if (!row.ok()) return std::move(row).error();
    if (*row) return ParseDoc(s->TextView(0), model::UserPreferencesFromJson);
    model::UserPreferences defaults;
    defaults.user_id = user_id;
    return defaults;
  }

  const Context ctx_;
};

}  // namespace

std::unique_ptr<PreferencesRepository> MakePreferencesRepository(const Context& ctx) {
  return std::make_unique<SqlitePreferences>(ctx);
}

}  // namespace echotune::store::sqlite
