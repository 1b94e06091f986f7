// PlaylistsRepository on SQLite: name/description/spotifyPlaylistId as columns
// (FTS5 table echotune_playlists_fts kept in sync by triggers), the document in "doc".
#include <cctype>

#include "store/sqlite/context.h"

namespace echotune::store::sqlite {

namespace {

constexpr const char* kSelectById = R"(SELECT "doc" FROM echotune_playlists WHERE "_id" = ?1)";
constexpr const char* kUpdate = R"(UPDATE echotune_playlists SET "name" = ?2, "description" = ?3,
    "spotifyPlaylistId" = ?4, "doc" = ?5 WHERE "_id" = ?1)";

// "chill, study!" -> "\"chill\" OR \"study\"": words only, so no user input is
// ever parsed as FTS5 syntax. Bytes >= 0x80 (UTF-8) count as word characters.
std::string FtsQuery(const std::string& text) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    out += (out.empty() ? "\"" : " OR \"") + word + "\"";
    word.clear();
  };
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) word += static_cast<char>(c);
    else flush();
  }
  flush();
  return out;
}

class SqlitePlaylists final : public PlaylistsRepository {
 public:
  explicit SqlitePlaylists(const Context& ctx) : ctx_(ctx) {}

  core::Result<model::Playlist> Create(model::Playlist p) override {
    p.id = ctx_.NewId();
    p.created_at = p.updated_at = ctx_.Now();
    Normalise(p);
    if (auto s = model::Validate(p); !s.ok()) return std::move(s).error();
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Run(R"(INSERT INTO echotune_playlists ("_id", "userId", "name", "description",
        "spotifyPlaylistId", "createdAt", "doc") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))",
                       p.id.ToHex(), p.user_id.ToHex(), p.name, p.description,
                       p.spotify_playlist_id, Ms(p.created_at), DocText(model::ToJson(p)));
    if (!s.ok()) return std::move(s).error();
    return p;
  }

  core::Result<model::Playlist> Get(const core::ObjectId& id) override {
    auto conn = ctx_.pool.Acquire();
    return Load(*conn, id);
  }

  core::Result<model::Playlist> ReplaceTracks(const core::ObjectId& id,
                                              std::vector<model::PlaylistTrack> tracks) override {
    return Modify(id, [&](model::Playlist& p) { p.tracks = std::move(tracks); });
  }

  core::Result<model::Playlist> UpdateInfo(const core::ObjectId& id,
                                           const std::optional<std::string>& name,
                                           const std::optional<std::string>& description) override {
    return Modify(id, [&](model::Playlist& p) {
      if (name) p.name = *name;
      if (description) p.description = description;
    });
  }

  core::Status SetSpotifyPlaylistId(const core::ObjectId& id,
                                    const std::string& spotify_playlist_id) override {
    auto p = Modify(id, [&](model::Playlist& pl) { pl.spotify_playlist_id = spotify_playlist_id; });
    if (!p.ok()) return std::move(p).error();
    return core::Ok();
  }

  core::Status Delete(const core::ObjectId& id) override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Run(R"(DELETE FROM echotune_playlists WHERE "_id" = ?1)", id.ToHex());
    if (!s.ok()) return s;
    return conn->Changes() ? core::Ok() : core::Status(NotFound("playlist"));
  }

  core::Result<Page<model::Playlist>> ListByUser(const core::ObjectId& user_id, int64_t offset,
                                                 int64_t limit) override {
    auto conn = ctx_.pool.Acquire();
    Page<model::Playlist> page;
    auto count = conn->Prepare(R"(SELECT COUNT(*) FROM echotune_playlists WHERE "userId" = ?1)",
                               user_id.ToHex());
    if (!count.ok()) return std::move(count).error();
    if (auto row = count->Step(); !row.ok()) return std::move(row).error();
    page.total = count->Int(0);
    auto items = Docs(*conn, R"(SELECT "doc" FROM echotune_playlists WHERE "userId" = ?1
        ORDER BY "createdAt" DESC, "_id" DESC LIMIT ?2 OFFSET ?3)",
                      user_id.ToHex(), limit, offset);
    if (!items.ok()) return std::move(items).error();
    page.items = std::move(items).value();
    return page;
  }

  core::Result<std::vector<model::Playlist>> Search(const core::ObjectId& user_id,
                                                    const std::string& query,
                                                    int64_t limit) override {
    std::string fts = FtsQuery(query);
    if (fts.empty()) return std::vector<model::Playlist>();
    auto conn = ctx_.pool.Acquire();
    return Docs(*conn, R"(SELECT p."doc" FROM echotune_playlists_fts f
        JOIN echotune_playlists p ON p."_rowid" = f.rowid
        WHERE echotune_playlists_fts MATCH ?1 AND p."userId" = ?2
        ORDER BY f.rank, p."createdAt" DESC LIMIT ?3)", fts, user_id.ToHex(), limit);
  }

 private:
  void Normalise(model::Playlist& p) const {
    for (auto& t : p.tracks) {
      if (t.added_at == core::TimePoint{}) t.added_at = ctx_.Now();
    }
    model::Renumber(p);
  }

  template <typename Fn>
  core::Result<model::Playlist> Modify(const core::ObjectId& id, Fn change) {
    auto conn = ctx_.pool.Acquire();
    return InTransaction(*conn, [&]() -> core::Result<model::Playlist> {
      auto p = Load(*conn, id);
      if (!p.ok()) return p;
      change(*p);
      p->updated_at = ctx_.Now();
      Normalise(*p);
      if (auto s = model::Validate(*p); !s.ok()) return std::move(s).error();
      auto s = conn->Run(kUpdate, p->id.ToHex(), p->name, p->description, p->spotify_playlist_id,
                         DocText(model::ToJson(*p)));
      if (!s.ok()) return std::move(s).error();
      return p;
    });
  }

  template <typename... Args>
  core::Result<std::vector<model::Playlist>> Docs(Connection& conn, const char* sql,
                                                  const Args&... args) {
    auto s = conn.Prepare(sql, args...);
    if (!s.ok()) return std::move(s).error();
    std::vector<model::Playlist> out;
    for (;;) {
      auto row = s->Step();
      if (!row.ok()) return std::move(row).error();
      if (!*row) return out;
      auto p = ParseDoc(s->TextView(0), model::PlaylistFromJson);
      if (!p.ok()) return std::move(p).error();
      out.push_back(std::move(p).value());
    }
  }

  core::Result<model::Playlist> Load(Connection& conn, const core::ObjectId& id) {
    auto list = Docs(conn, kSelectById, id.ToHex());
    if (!list.ok()) return std::move(list).error();
    if (list->empty()) return NotFound("playlist");
    return std::move(list->front());
  }

  const Context ctx_;
};

}  // namespace

std::unique_ptr<PlaylistsRepository> MakePlaylistsRepository(const Context& ctx) {
  return std::make_unique<SqlitePlaylists>(ctx);
}

}  // namespace echotune::store::sqlite
