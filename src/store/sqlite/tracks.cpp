// TrackMetadataRepository on SQLite: spotifyId, popularity and the nine
// range-filterable audio features as columns, genres in the side table
// echotune_track_metadata_genres (the multikey index "genres_1"), the track in "doc".
#include <algorithm>
#include <unordered_map>
#include <variant>

#include "store/sqlite/context.h"

namespace echotune::store::sqlite {

namespace {

constexpr const char* kUpsert = R"(INSERT INTO echotune_track_metadata ("_id", "spotifyId",
    "popularity", "audioFeatures.acousticness", "audioFeatures.danceability",
    "audioFeatures.energy", "audioFeatures.instrumentalness", "audioFeatures.liveness",
    "audioFeatures.loudness", "audioFeatures.speechiness", "audioFeatures.valence",
    "audioFeatures.tempo", "doc") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
    ON CONFLICT("_id") DO UPDATE SET "popularity" = excluded."popularity",
    "audioFeatures.acousticness" = excluded."audioFeatures.acousticness",
    "audioFeatures.danceability" = excluded."audioFeatures.danceability",
    "audioFeatures.energy" = excluded."audioFeatures.energy",
    "audioFeatures.instrumentalness" = excluded."audioFeatures.instrumentalness",
    "audioFeatures.liveness" = excluded."audioFeatures.liveness",
    "audioFeatures.loudness" = excluded."audioFeatures.loudness",
    "audioFeatures.speechiness" = excluded."audioFeatures.speechiness",
    "audioFeatures.valence" = excluded."audioFeatures.valence",
    "audioFeatures.tempo" = excluded."audioFeatures.tempo", "doc" = excluded."doc")";
constexpr const char* kSelect = R"(SELECT "doc" FROM echotune_track_metadata WHERE "spotifyId" = ?1)";

using Param = std::variant<int64_t, double, std::string>;

class SqliteTracks final : public TrackMetadataRepository {
 public:
  explicit SqliteTracks(const Context& ctx) : ctx_(ctx) {}

  core::Result<model::TrackMetadata> Upsert(model::TrackMetadata track) override {
    if (auto s = model::Validate(track); !s.ok()) return std::move(s).error();
    auto conn = ctx_.pool.Acquire();
    return InTransaction(*conn, [&] { return Write(*conn, std::move(track)); });
  }

  core::Result<int64_t> UpsertMany(std::vector<model::TrackMetadata> tracks) override {
    for (size_t i = 0; i < tracks.size(); ++i) {
      auto s = model::Validate(tracks[i]);
      if (!s.ok()) return Prefixed(std::move(s).error(), "tracks[" + std::to_string(i) + "].");
    }
    auto conn = ctx_.pool.Acquire();
    return InTransaction(*conn, [&]() -> core::Result<int64_t> {
      for (auto& t : tracks) {
        if (auto r = Write(*conn, std::move(t)); !r.ok()) return std::move(r).error();
      }
      return static_cast<int64_t>(tracks.size());
    });
  }

  core::Result<model::TrackMetadata> Get(std::string_view spotify_id) override {
    auto conn = ctx_.pool.Acquire();
    return Load(*conn, spotify_id);
  }

  core::Result<std::vector<model::TrackMetadata>> GetMany(
      const std::vector<std::string>& spotify_ids) override {
    // One statement per slice of ids, not one per id: a listening report looks
    // up thousands (issue 16). Output in input order, duplicates repeated.
    constexpr size_t kSlice = 500;
    std::unordered_map<std::string, model::TrackMetadata> found;
    for (size_t from = 0; from < spotify_ids.size(); from += kSlice) {
      size_t n = std::min(kSlice, spotify_ids.size() - from);
      auto first = spotify_ids.begin() + static_cast<std::ptrdiff_t>(from);
      std::vector<Param> params(first, first + static_cast<std::ptrdiff_t>(n));
      auto rows = Run(R"(SELECT "doc" FROM echotune_track_metadata WHERE "spotifyId" IN ()" + Placeholders(n) + ")",
                      params);
      if (!rows.ok()) return std::move(rows).error();
      for (auto& t : *rows) {
        std::string id = t.spotify_id;
        found.emplace(std::move(id), std::move(t));
      }
    }
    std::vector<model::TrackMetadata> out;
    for (const auto& id : spotify_ids) {
      if (auto it = found.find(id); it != found.end()) out.push_back(it->second);
    }
    return out;
  }

  core::Result<std::vector<model::TrackMetadata>> Filter(const TrackFilter& f) override {
    std::string sql = R"(SELECT m."doc" FROM echotune_track_metadata m WHERE 1)";
    std::vector<Param> params;
    for (const auto& r : f.ranges) {
      sql += " AND m.\"audioFeatures." + std::string(model::FeatureName(r.feature)) +
             "\" BETWEEN ? AND ?";
      params.insert(params.end(), {r.min, r.max});
    }
    if (f.min_popularity) {
      sql += R"( AND m."popularity" >= ?)";
      params.emplace_back(*f.min_popularity);
    }
    if (!f.genres.empty()) {
      sql += R"( AND EXISTS (SELECT 1 FROM echotune_track_metadata_genres g WHERE g."_id" = m."_id"
          AND g."genres" IN ()" + Placeholders(f.genres.size()) + "))";
      params.insert(params.end(), f.genres.begin(), f.genres.end());
    }
    sql += R"( ORDER BY m."popularity" IS NULL, m."popularity" DESC, m."spotifyId" LIMIT ?)";
    params.emplace_back(f.limit);
    return Run(sql, params);
  }

  core::Result<int64_t> Count() override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare("SELECT COUNT(*) FROM echotune_track_metadata");
    if (!s.ok()) return std::move(s).error();
    if (auto row = s->Step(); !row.ok()) return std::move(row).error();
    return s->Int(0);
  }

  core::Status Scan(const std::function<bool(const model::TrackMetadata&)>& fn) override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare(R"(SELECT "doc" FROM echotune_track_metadata)");
    if (!s.ok()) return std::move(s).error();
    for (;;) {
      auto row = s->Step();
      if (!row.ok()) return std::move(row).error();
      if (!*row) return core::Ok();
      auto t = ParseDoc(s->TextView(0), model::TrackMetadataFromJson);
      if (!t.ok()) return std::move(t).error();
      if (!fn(*t)) return core::Ok();
    }
  }

 private:
  static std::string Placeholders(size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
  }

  core::Result<std::vector<model::TrackMetadata>> Run(const std::string& sql,
                                                      const std::vector<Param>& params) {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare(sql);
    if (!s.ok()) return std::move(s).error();
    for (size_t i = 0; i < params.size(); ++i) {
      std::visit([&](const auto& v) { s->Bind(static_cast<int>(i + 1), v); }, params[i]);
    }
    std::vector<model::TrackMetadata> out;
    for (;;) {
      auto row = s->Step();
      if (!row.ok()) return std::move(row).error();
      if (!*row) return out;
      auto t = ParseDoc(s->TextView(0), model::TrackMetadataFromJson);
      if (!t.ok()) return std::move(t).error();
      out.push_back(std::move(t).value());
    }
  }

  core::Result<model::TrackMetadata> Load(Connection& conn, std::string_view spotify_id) {
    auto list = QueryDocs(conn, model::TrackMetadataFromJson, kSelect, std::string(spotify_id));
    if (!list.ok()) return std::move(list).error();
    if (list->empty()) return NotFound("track");
    return std::move(list->front());
  }

  // Merges with the stored track, writes the row and its genres. In a transaction.
  core::Result<model::TrackMetadata> Write(Connection& conn, model::TrackMetadata t) {
    model::DeriveReleaseYear(t);
    auto stored = Load(conn, t.spotify_id);
    if (!stored.ok() && stored.error().code != core::ErrorCode::kNotFound) return stored;
    if (stored.ok()) {
      t = model::MergeTrack(*stored, t);
    } else {
      t.id = ctx_.NewId();
      t.created_at = ctx_.Now();
    }
    t.updated_at = ctx_.Now();
    model::AudioFeatures f = t.audio_features.value_or(model::AudioFeatures{});
    auto s = conn.Run(kUpsert, t.id.ToHex(), t.spotify_id, t.popularity, f.acousticness,
                      f.danceability, f.energy, f.instrumentalness, f.liveness, f.loudness,
                      f.speechiness, f.valence, f.tempo, DocText(model::ToJson(t)));
    if (s.ok()) s = conn.Run(R"(DELETE FROM echotune_track_metadata_genres WHERE "_id" = ?1)", t.id.ToHex());
    for (size_t i = 0; s.ok() && i < t.genres.size(); ++i) {
      s = conn.Run(R"(INSERT INTO echotune_track_metadata_genres ("_id", "genres") VALUES (?1, ?2))",
                   t.id.ToHex(), t.genres[i]);
    }
    if (!s.ok()) return std::move(s).error();
    return t;
  }

  const Context ctx_;
};

}  // namespace

std::unique_ptr<TrackMetadataRepository> MakeTrackMetadataRepository(const Context& ctx) {
  return std::make_unique<SqliteTracks>(ctx);
}

}  // namespace echotune::store::sqlite
