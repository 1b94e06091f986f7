// UsersRepository on SQLite: indexed columns + the document (tokens and
// jwtSecret encrypted) in "doc". Deleting a user cascades through the foreign
// keys of every user-owned table.
#include "core/time_format.h"
#include "store/sqlite/context.h"

namespace echotune::store::sqlite {

namespace {

constexpr const char* kSelectById = R"(SELECT "doc" FROM echotune_users WHERE "_id" = ?1)";
constexpr const char* kSelectBySpotifyId =
    R"(SELECT "doc" FROM echotune_users WHERE "spotifyId" = ?1)";
constexpr const char* kInsert = R"(INSERT INTO echotune_users
    ("_id", "spotifyId", "email", "createdAt", "lastActive", "doc") VALUES (?1, ?2, ?3, ?4, ?5, ?6))";
constexpr const char* kUpdate = R"(UPDATE echotune_users SET "spotifyId" = ?2, "email" = ?3,
    "createdAt" = ?4, "lastActive" = ?5, "doc" = ?6 WHERE "_id" = ?1)";

class SqliteUsers final : public UsersRepository {
 public:
  explicit SqliteUsers(const Context& ctx) : ctx_(ctx) {}

  core::Result<model::User> UpsertBySpotifyId(const model::User& user) override {
    if (auto s = model::Validate(user); !s.ok()) return std::move(s).error();
    auto conn = ctx_.pool.Acquire();
    return InTransaction(*conn, [&]() -> core::Result<model::User> {
      auto existing = Load(*conn, kSelectBySpotifyId, user.spotify_id);
      if (!existing.ok() && existing.error().code != core::ErrorCode::kNotFound) return existing;
      model::User u = user;
      u.updated_at = ctx_.Now();
      if (existing.ok()) {
        KeepStored(*existing, u);
      } else {
        u.id = ctx_.NewId();
        u.created_at = u.updated_at;
      }
      auto s = Write(*conn, existing.ok() ? kUpdate : kInsert, u);
      if (!s.ok()) return std::move(s).error();
      return u;
    });
  }

  core::Result<model::User> Get(const core::ObjectId& id) override {
    auto conn = ctx_.pool.Acquire();
    return Load(*conn, kSelectById, id.ToHex());
  }

  core::Result<model::User> GetBySpotifyId(std::string_view spotify_id) override {
    auto conn = ctx_.pool.Acquire();
    return Load(*conn, kSelectBySpotifyId, std::string(spotify_id));
  }

  core::Result<bool> Exists(const core::ObjectId& id) override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare(R"(SELECT 1 FROM echotune_users WHERE "_id" = ?1)", id.ToHex());
    if (!s.ok()) return std::move(s).error();
    return s->Step();
  }

  core::Status TouchLastActive(const core::ObjectId& id) override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Run(R"(UPDATE echotune_users SET "lastActive" = ?2,
        "doc" = json_set("doc", '$.lastActive', ?3) WHERE "_id" = ?1)",
                       id.ToHex(), ctx_.NowMs(), core::FormatIso8601(ctx_.Now()));
    if (!s.ok()) return s;
    return conn->Changes() ? core::Ok() : core::Status(NotFound("user"));
  }

  core::Status UpdateTokens(const core::ObjectId& id, const std::string& access_token,
                            const std::optional<std::string>& refresh_token,
                            core::TimePoint expires_at) override {
    auto conn = ctx_.pool.Acquire();
    return InTransaction(*conn, [&]() -> core::Status {
      auto u = Load(*conn, kSelectById, id.ToHex());
      if (!u.ok()) return std::move(u).error();
      u->access_token = access_token;
      if (refresh_token) u->refresh_token = refresh_token;
      u->token_expires_at = expires_at;
      u->updated_at = ctx_.Now();
      return Write(*conn, kUpdate, *u);
    });
  }

  core::Status UpdatePreferenceSummary(const core::ObjectId& id,
                                       const PreferenceSummaryUpdate& update) override {
    auto conn = ctx_.pool.Acquire();
    return InTransaction(*conn, [&]() -> core::Status {
      auto u = Load(*conn, kSelectById, id.ToHex());
      if (!u.ok()) return std::move(u).error();
      if (update.favorite_genres) u->preferences.favorite_genres = *update.favorite_genres;
      if (update.energy) u->preferences.audio_features_preferences.energy = update.energy;
      if (auto s = model::Validate(*u); !s.ok()) return s;
      u->updated_at = ctx_.Now();
      return Write(*conn, kUpdate, *u);
    });
  }

  core::Status Delete(const core::ObjectId& id) override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Run(R"(DELETE FROM echotune_users WHERE "_id" = ?1)", id.ToHex());
    if (!s.ok()) return s;
    return conn->Changes() ? core::Ok() : core::Status(NotFound("user"));
  }

  core::Result<int64_t> Count() override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare("SELECT COUNT(*) FROM echotune_users");
    if (!s.ok()) return std::move(s).error();
    if (auto row = s->Step(); !row.ok()) return std::move(row).error();
    return s->Int(0);
  }

  core::Result<std::vector<core::ObjectId>> ListIds() override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare(R"(SELECT "_id" FROM echotune_users)");
    if (!s.ok()) return std::move(s).error();
    std::vector<core::ObjectId> ids;
    for (;;) {
      auto row = s->Step();
      if (!row.ok()) return std::move(row).error();
      if (!*row) break;
      if (auto id = core::ObjectId::Parse(s->Text(0))) ids.push_back(*id);
    }
    return ids;
  }

 private:
  // Identity, createdAt, and tokens/lastActive the update does not carry.
  static void KeepStored(const model::User& stored, model::User& u) {
    u.id = stored.id;
    u.created_at = stored.created_at;
    if (!u.access_token) u.access_token = stored.access_token;
    if (!u.refresh_token) u.refresh_token = stored.refresh_token;
    if (!u.token_expires_at) u.token_expires_at = stored.token_expires_at;
    if (!u.jwt_secret) u.jwt_secret = stored.jwt_secret;
    if (!u.last_active) u.last_active = stored.last_active;
  }

  core::Status Seal(std::optional<std::string>& field) const {
    if (!field) return core::Ok();
    auto sealed = ctx_.cipher.Encrypt(*field);
    if (!sealed.ok()) return std::move(sealed).error();
    field = std::move(sealed).value();
    return core::Ok();
  }

  core::Status Unseal(std::optional<std::string>& field) const {
    if (!field) return core::Ok();
    auto plain = ctx_.cipher.Decrypt(*field);
    if (!plain.ok()) return std::move(plain).error();
    field = std::move(plain).value();
    return core::Ok();
  }

  core::Status Write(Connection& conn, const char* sql, model::User u) const {
    for (auto* f : {&u.access_token, &u.refresh_token, &u.jwt_secret}) {
      if (auto s = Seal(*f); !s.ok()) return s;
    }
    std::optional<int64_t> last_active;
    if (u.last_active) last_active = Ms(*u.last_active);
    return conn.Run(sql, u.id.ToHex(), u.spotify_id, u.email, Ms(u.created_at), last_active,
                    DocText(model::ToJson(u, {.include_secrets = true})));
  }

  core::Result<model::User> Load(Connection& conn, const char* sql, const std::string& key) const {
    auto s = conn.Prepare(sql, key);
    if (!s.ok()) return std::move(s).error();
    auto row = s->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return NotFound("user");
    auto u = ParseDoc(s->TextView(0), model::UserFromJson);
    if (!u.ok()) return u;
    for (auto* f : {&u->access_token, &u->refresh_token, &u->jwt_secret}) {
      if (auto st = Unseal(*f); !st.ok()) return std::move(st).error();
    }
    return u;
  }

  const Context ctx_;
};

}  // namespace

std::unique_ptr<UsersRepository> MakeUsersRepository(const Context& ctx) {
  return std::make_unique<SqliteUsers>(ctx);
}

}  // namespace echotune::store::sqlite
