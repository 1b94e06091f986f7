// ListeningHistoryRepository on SQLite: fully columnar (no doc column) because
// it is the big, hot table. Dedup by the unique (userId, trackId, playedAt)
// index; unknown users are refused by the foreign key.
#include <algorithm>
#include <tuple>
#include <vector>

#include "model/checker.h"
#include "store/sqlite/context.h"

namespace echotune::store::sqlite {

namespace {

constexpr const char* kColumns = R"("_id", "userId", "trackId", "trackName", "artistName",
    "albumName", "playedAt", "durationMs", "popularity", "context.context_type",
    "context.context_uri", "context.device_type", "skip_count", "repeat_count", "createdAt")";

const std::string kInsert = std::string("INSERT INTO echotune_listening_history (") + kColumns +
                            ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)";
const std::string kInsertOrIgnore = "INSERT OR IGNORE" + kInsert.substr(6);
const std::string kSelect = std::string("SELECT ") + kColumns + " FROM echotune_listening_history ";

template <typename E>
std::optional<std::string> EnumText(const std::optional<E>& e) {
  if (!e) return std::nullopt;
  return std::string(model::ToString(*e));
}

core::Status BindRun(Connection& conn, const std::string& sql, const model::Listen& l) {
  return conn.Run(sql, l.id.ToHex(), l.user_id.ToHex(), l.track_id, l.track_name, l.artist_name,
                  l.album_name, Ms(l.played_at), l.duration_ms, l.popularity,
                  EnumText(l.context.context_type), l.context.context_uri,
                  EnumText(l.context.device_type), l.skip_count, l.repeat_count, Ms(l.created_at));
}

model::Listen ReadRow(const Statement& s) {
  model::Listen l;
  l.id = core::ObjectId::Parse(s.TextView(0)).value_or(core::ObjectId{});
  l.user_id = core::ObjectId::Parse(s.TextView(1)).value_or(core::ObjectId{});
  l.track_id = s.Text(2);
  l.track_name = s.Text(3);
  l.artist_name = s.Text(4);
  l.album_name = s.Text(5);
  l.played_at = FromMs(s.Int(6));
  l.duration_ms = s.Int(7);
  if (!s.IsNull(8)) l.popularity = s.Int(8);
  l.context.context_type = model::FromString<model::ContextType>(s.TextView(9));
  l.context.context_uri = s.OptText(10);
  l.context.device_type = model::FromString<model::DeviceType>(s.TextView(11));
  l.skip_count = s.Int(12);
  l.repeat_count = s.Int(13);
  l.created_at = FromMs(s.Int(14));
  return l;
}

// The batch in (userId, trackId, playedAt) order: consecutive rows then land
// next to each other in the userId-prefixed indexes (a batch spanning many
// users inserts about 20% faster). Stable, so of two equal keys the earlier
// listen is the one inserted and the later the duplicate.
std::vector<const model::Listen*> InUniqueKeyOrder(const std::vector<model::Listen>& listens) {
  std::vector<const model::Listen*> order;
  order.reserve(listens.size());
  for (const auto& l : listens) order.push_back(&l);
  std::stable_sort(order.begin(), order.end(), [](const model::Listen* a, const model::Listen* b) {
    return std::tie(a->user_id, a->track_id, a->played_at) <
           std::tie(b->user_id, b->track_id, b->played_at);
  });
  return order;
}

// Steps `s` to the end, calling fn(row) until it returns false.
template <typename Fn>
core::Status ForEachRow(Statement& s, Fn fn) {
  for (;;) {
    auto row = s.Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row || !fn(s)) return core::Ok();
  }
}

class SqliteListens final : public ListeningHistoryRepository {
 public:
  explicit SqliteListens(const Context& ctx) : ctx_(ctx) {}

  core::Result<model::Listen> Insert(model::Listen l) override {
    if (auto s = model::Validate(l); !s.ok()) return std::move(s).error();
    Stamp(l);
    auto conn = ctx_.pool.Acquire();
    if (auto s = BindRun(*conn, kInsert, l); !s.ok()) return std::move(s).error();
    return l;
  }

  core::Result<BatchInsertResult> InsertBatch(std::vector<model::Listen> listens) override {
    for (size_t i = 0; i < listens.size(); ++i) {
      auto s = model::Validate(listens[i], model::Indexed("listens", i));
      if (!s.ok()) return std::move(s).error();
      Stamp(listens[i]);
    }
    const auto order = InUniqueKeyOrder(listens);
    auto conn = ctx_.pool.Acquire();
    return InTransaction(*conn, [&]() -> core::Result<BatchInsertResult> {
      BatchInsertResult result;
      for (const model::Listen* lp : order) {
        const model::Listen& l = *lp;
        if (auto s = BindRun(*conn, kInsertOrIgnore, l); !s.ok()) return std::move(s).error();
        (conn->Changes() ? result.inserted : result.duplicates) += 1;
      }
      return result;
    });
  }

  core::Result<std::vector<model::Listen>> Recent(const core::ObjectId& user_id,
                                                  int64_t limit) override {
    return Query(kSelect + R"(WHERE "userId" = ?1 ORDER BY "playedAt" DESC LIMIT ?2)",
                 user_id.ToHex(), limit);
  }

  core::Result<int64_t> CountForUser(const core::ObjectId& user_id) override {
    return Scalar(R"(SELECT COUNT(*) FROM echotune_listening_history WHERE "userId" = ?1)",
                  user_id.ToHex());
  }

  core::Result<int64_t> Count() override {
    return Scalar("SELECT COUNT(*) FROM echotune_listening_history");
  }

  core::Result<std::vector<ArtistPlays>> TopArtists(const core::ObjectId& user_id,
                                                    core::TimePoint since, int64_t limit) override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare(R"(SELECT "artistName", COUNT(*), SUM("durationMs")
        FROM echotune_listening_history WHERE "userId" = ?1 AND "playedAt" >= ?2
        GROUP BY "artistName" ORDER BY 2 DESC, 1 ASC LIMIT ?3)",
                           user_id.ToHex(), Ms(since), limit);
    if (!s.ok()) return std::move(s).error();
    std::vector<ArtistPlays> out;
    auto st = ForEachRow(*s, [&](const Statement& r) {
      out.push_back({r.Text(0), r.Int(1), r.Int(2)});
      return true;
    });
    if (!st.ok()) return std::move(st).error();
    return out;
  }

  core::Result<std::vector<TrackPlays>> TopTracks(const core::ObjectId& user_id,
                                                  core::TimePoint since, int64_t limit) override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare(R"(SELECT "trackId", MIN("trackName"), MIN("artistName"), COUNT(*),
        SUM("durationMs") FROM echotune_listening_history WHERE "userId" = ?1 AND "playedAt" >= ?2
        GROUP BY "trackId" ORDER BY 4 DESC, 2 ASC, 1 ASC LIMIT ?3)",
                           user_id.ToHex(), Ms(since), limit);
    if (!s.ok()) return std::move(s).error();
    std::vector<TrackPlays> out;
    auto st = ForEachRow(*s, [&](const Statement& r) {
      out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4)});
      return true;
    });
    if (!st.ok()) return std::move(st).error();
    return out;
  }

  core::Result<std::vector<model::Listen>> ListInRange(const core::ObjectId& user_id,
                                                       core::TimePoint from,
                                                       core::TimePoint to) override {
    return Query(kSelect + R"(WHERE "userId" = ?1 AND "playedAt" >= ?2 AND "playedAt" < ?3
        ORDER BY "playedAt" ASC)", user_id.ToHex(), Ms(from), Ms(to));
  }

  core::Status ScanRange(const core::ObjectId& user_id, core::TimePoint from, core::TimePoint to,
                         const std::function<bool(const PlayRow&)>& fn) override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare(R"(SELECT "trackId", "trackName", "artistName", "playedAt", "durationMs", "skip_count"
        FROM echotune_listening_history WHERE "userId" = ?1 AND "playedAt" >= ?2 AND "playedAt" < ?3
        ORDER BY "playedAt" ASC)", user_id.ToHex(), Ms(from), Ms(to));
    if (!s.ok()) return std::move(s).error();
    return ForEachRow(*s, [&](const Statement& r) {
      return fn(PlayRow{r.TextView(0), r.TextView(1), r.TextView(2), FromMs(r.Int(3)), r.Int(4), r.Int(5)});
    });
  }

  core::Status IncrementCounters(const core::ObjectId& listen_id, int64_t skips,
                                 int64_t repeats) override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Run(R"(UPDATE echotune_listening_history SET "skip_count" = "skip_count" + ?2,
        "repeat_count" = "repeat_count" + ?3 WHERE "_id" = ?1)", listen_id.ToHex(), skips, repeats);
    if (!s.ok()) return s;
    return conn->Changes() ? core::Ok() : core::Status(NotFound("listen"));
  }

  core::Status Scan(const std::function<bool(const model::Listen&)>& fn) override {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare(kSelect);
    if (!s.ok()) return std::move(s).error();
    return ForEachRow(*s, [&](const Statement& r) { return fn(ReadRow(r)); });
  }

 private:
  void Stamp(model::Listen& l) const {
    l.id = ctx_.NewId();
    l.created_at = ctx_.Now();
  }

  template <typename... Args>
  core::Result<std::vector<model::Listen>> Query(const std::string& sql, const Args&... args) {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare(sql, args...);
    if (!s.ok()) return std::move(s).error();
    std::vector<model::Listen> out;
    auto st = ForEachRow(*s, [&](const Statement& r) {
      out.push_back(ReadRow(r));
      return true;
    });
    if (!st.ok()) return std::move(st).error();
    return out;
  }

  template <typename... Args>
  core::Result<int64_t> Scalar(const char* sql, const Args&... args) {
    auto conn = ctx_.pool.Acquire();
    auto s = conn->Prepare(sql, args...);
    if (!s.ok()) return std::move(s).error();
    if (auto row = s->Step(); !row.ok()) return std::move(row).error();
    return s->Int(0);
  }

  const Context ctx_;
};

}  // namespace

std::unique_ptr<ListeningHistoryRepository> MakeListeningHistoryRepository(const Context& ctx) {
  return std::make_unique<SqliteListens>(ctx);
}

}  // namespace echotune::store::sqlite
