#include "store/sqlite/schema.h"

#include <algorithm>
#include <tuple>

namespace echotune::store::sqlite {

namespace {

struct TableDdl {
  std::string name;
  std::string columns;
};

// Tables, side tables first-class. userId columns reference users with ON
// DELETE CASCADE: referential integrity and the cascade delete come from SQLite.
std::vector<TableDdl> Tables() {
  const std::string user_fk = R"("userId" TEXT NOT NULL REFERENCES echotune_users("_id") ON DELETE CASCADE)";
  return {
      {"echotune_users",
       R"("_id" TEXT PRIMARY KEY, "spotifyId" TEXT, "email" TEXT, "createdAt" INTEGER NOT NULL,
          "lastActive" INTEGER, "doc" TEXT NOT NULL)"},
      {"echotune_listening_history",
       R"("_id" TEXT PRIMARY KEY, )" + user_fk + R"(, "trackId" TEXT NOT NULL,
          "trackName" TEXT NOT NULL, "artistName" TEXT NOT NULL, "albumName" TEXT NOT NULL,
          "playedAt" INTEGER NOT NULL, "durationMs" INTEGER NOT NULL, "popularity" INTEGER,
          "context.context_type" TEXT, "context.context_uri" TEXT, "context.device_type" TEXT,
          "skip_count" INTEGER NOT NULL DEFAULT 0, "repeat_count" INTEGER NOT NULL DEFAULT 0,
          "createdAt" INTEGER NOT NULL)"},
      {"echotune_recommendations",
       R"("_id" TEXT PRIMARY KEY, )" + user_fk + R"(, "createdAt" INTEGER NOT NULL,
          "expiresAt" INTEGER NOT NULL, "doc" TEXT NOT NULL)"},
      {"echotune_recommendations_tracks",
       R"("_id" TEXT NOT NULL REFERENCES echotune_recommendations("_id") ON DELETE CASCADE,
          "tracks.trackId" TEXT NOT NULL)"},
      {"echotune_playlists",
       R"("_rowid" INTEGER PRIMARY KEY, "_id" TEXT NOT NULL UNIQUE, )" + user_fk + R"(,
          "name" TEXT NOT NULL, "description" TEXT, "spotifyPlaylistId" TEXT,
          "createdAt" INTEGER NOT NULL, "doc" TEXT NOT NULL)"},
      {"echotune_user_preferences",
       R"("_id" TEXT PRIMARY KEY, )" + user_fk + R"(, "doc" TEXT NOT NULL)"},
      {"echotune_analytics_events",
       R"("_id" TEXT PRIMARY KEY,
          "userId" TEXT REFERENCES echotune_users("_id") ON DELETE CASCADE,
          "eventType" TEXT NOT NULL, "timestamp" INTEGER NOT NULL, "createdAt" INTEGER NOT NULL,
          "doc" TEXT NOT NULL)"},
      {"echotune_chat_sessions",
       R"("_id" TEXT PRIMARY KEY, "sessionId" TEXT NOT NULL, )" + user_fk + R"(,
          "lastActivity" INTEGER NOT NULL, "createdAt" INTEGER NOT NULL, "doc" TEXT NOT NULL)"},
      {"echotune_track_metadata",
       R"("_id" TEXT PRIMARY KEY, "spotifyId" TEXT NOT NULL, "popularity" INTEGER,
          "audioFeatures.acousticness" REAL, "audioFeatures.danceability" REAL,
          "audioFeatures.energy" REAL, "audioFeatures.instrumentalness" REAL,
          "audioFeatures.liveness" REAL, "audioFeatures.loudness" REAL,
          "audioFeatures.speechiness" REAL, "audioFeatures.valence" REAL,
          "audioFeatures.tempo" REAL, "doc" TEXT NOT NULL)"},
      {"echotune_track_metadata_genres",
       R"("_id" TEXT NOT NULL REFERENCES echotune_track_metadata("_id") ON DELETE CASCADE,
          "genres" TEXT NOT NULL)"},
  };
}

// Objects that are not contract indexes: owner indexes of the side tables (for
// the cascades), the FTS5 table and the triggers that keep it in sync.
std::vector<std::pair<std::string, std::string>> Internals() {
  return {
      {"index echotune_recommendations_tracks_owner",
       R"(CREATE INDEX IF NOT EXISTS echotune_recommendations_tracks_owner
          ON echotune_recommendations_tracks("_id"))"},
      {"index echotune_track_metadata_genres_owner",
       R"(CREATE INDEX IF NOT EXISTS echotune_track_metadata_genres_owner
          ON echotune_track_metadata_genres("_id"))"},
      {"table echotune_playlists_fts",
       R"(CREATE VIRTUAL TABLE IF NOT EXISTS echotune_playlists_fts USING fts5(
          "name", "description", content='echotune_playlists', content_rowid='_rowid',
          tokenize='porter unicode61'))"},
      {"trigger echotune_playlists_fts_insert",
       R"(CREATE TRIGGER IF NOT EXISTS echotune_playlists_fts_insert AFTER INSERT ON
          echotune_playlists BEGIN INSERT INTO echotune_playlists_fts(rowid, "name", "description")
          VALUES (new."_rowid", new."name", new."description"); END)"},
      {"trigger echotune_playlists_fts_delete",
       R"(CREATE TRIGGER IF NOT EXISTS echotune_playlists_fts_delete AFTER DELETE ON
          echotune_playlists BEGIN INSERT INTO echotune_playlists_fts(echotune_playlists_fts, rowid,
          "name", "description") VALUES ('delete', old."_rowid", old."name", old."description"); END)"},
      {"trigger echotune_playlists_fts_update",
       R"(CREATE TRIGGER IF NOT EXISTS echotune_playlists_fts_update AFTER UPDATE OF "name",
          "description" ON echotune_playlists BEGIN
          INSERT INTO echotune_playlists_fts(echotune_playlists_fts, rowid, "name", "description")
          VALUES ('delete', old."_rowid", old."name", old."description");
          INSERT INTO echotune_playlists_fts(rowid, "name", "description")
          VALUES (new."_rowid", new."name", new."description"); END)"},
  };
}

std::string Quote(std::string_view ident) { return "\"" + std::string(ident) + "\""; }

// The table holding an index's keys: side tables for the multikey fields.
std::string IndexTable(const std::string& collection, const IndexSpec& spec) {
  if (spec.keys.front().field == "tracks.trackId") return "echotune_recommendations_tracks";
  if (collection == collections::kTrackMetadata && spec.keys.front().field == "genres") {
    return "echotune_track_metadata_genres";
  }
  return TableName(collection);
}

std::string IndexDdl(const std::string& collection, const IndexSpec& spec) {
  std::string cols;
  for (const auto& k : spec.keys) {
    cols += (cols.empty() ? "" : ", ") + Quote(k.field) + (k.direction < 0 ? " DESC" : "");
  }
  std::string sql = std::string("CREATE ") + (spec.unique ? "UNIQUE " : "") +
                    "INDEX IF NOT EXISTS " + Quote(TableName(collection) + "." + spec.name) +
                    " ON " + IndexTable(collection, spec) + "(" + cols + ")";
  if (spec.sparse) sql += " WHERE " + Quote(spec.keys.front().field) + " IS NOT NULL";
  return sql;
}

core::Result<bool> Exists(Connection& conn, std::string_view type, const std::string& name) {
  auto s = conn.Prepare("SELECT 1 FROM sqlite_master WHERE type = ?1 AND name = ?2", type, name);
  if (!s.ok()) return std::move(s).error();
  return s->Step();
}

// Runs `ddl` unless `name` of `type` exists; appends what happened to `lines`.
core::Status Ensure(Connection& conn, std::string_view type, const std::string& name,
                    const std::string& ddl, std::vector<std::string>& lines) {
  auto found = Exists(conn, type, name);
  if (!found.ok()) return std::move(found).error();
  if (*found) {
    lines.push_back("found " + std::string(type) + " " + name);
    return core::Ok();
  }
  if (auto s = conn.Exec(ddl); !s.ok()) return s;
  lines.push_back("created " + std::string(type) + " " + name);
  return core::Ok();
}

std::vector<TtlRule> BuildTtlRules() {
  std::vector<TtlRule> rules;
  for (const auto& c : CollectionSpecs()) {
    for (const auto& i : c.indexes) {
      if (i.expire_after_seconds) {
        rules.push_back({TableName(c.name), i.keys.front().field, *i.expire_after_seconds});
      }
    }
  }
  return rules;
}

}  // namespace

std::string TableName(std::string_view collection) {
  return std::string(kTablePrefix) + std::string(collection);
}

const std::vector<TtlRule>& TtlRules() {
  static const std::vector<TtlRule> rules = BuildTtlRules();
  return rules;
}

const TtlRule& TtlRuleFor(std::string_view collection) {
  const std::string table = TableName(collection);
  for (const auto& r : TtlRules()) {
    if (r.table == table) return r;
  }
  return TtlRules().front();
}

core::Result<std::vector<std::string>> CreateSchema(Connection& conn) {
  std::vector<std::string> lines;
  for (const auto& t : Tables()) {
    std::string ddl = "CREATE TABLE IF NOT EXISTS " + t.name + " (" + t.columns + ")";
    if (auto s = Ensure(conn, "table", t.name, ddl, lines); !s.ok()) return std::move(s).error();
  }
  for (const auto& [what, ddl] : Internals()) {
    auto space = what.find(' ');
    std::string type = what.substr(0, space), name = what.substr(space + 1);
    if (auto s = Ensure(conn, type, name, ddl, lines); !s.ok()) return std::move(s).error();
  }
  for (const auto& c : CollectionSpecs()) {
    for (const auto& i : c.indexes) {
      if (i.keys.front().text) continue;  // the FTS5 table above
      std::string name = TableName(c.name) + "." + i.name;
      if (auto s = Ensure(conn, "index", name, IndexDdl(c.name, i), lines); !s.ok()) {
        return std::move(s).error();
      }
    }
  }
  return lines;
}

}  // namespace echotune::store::sqlite
