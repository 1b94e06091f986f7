// Embedded-store benchmarks (issue 3): batch insert of listens, a user's 50
// most recent listens at 1,000,000 rows, and the TTL sweep of 1,000,000 expired
// analytics events. All indexes of the contract are in place. Default run < 60 s.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <unistd.h>

#include "core/clock.h"
#include "core/time_format.h"
#include "store/sqlite/sqlite_store.h"

namespace echotune::store {
namespace {

using Clock = std::chrono::steady_clock;

const TokenCipher& Cipher() {
  static const TokenCipher cipher = TokenCipher::FromHex(std::string(64, 'c')).value();
  return cipher;
}

struct BenchDb {
  std::filesystem::path dir;
  core::FakeClock clock{core::TimePoint(std::chrono::seconds(1705320000))};
  std::unique_ptr<Store> store;
  std::vector<core::ObjectId> users;

  explicit BenchDb(const std::string& tag, int user_count) {
    dir = std::filesystem::temp_directory_path() /
          ("echotune-bench-" + tag + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store = sqlite::OpenSqliteStore((dir / "bench.db").string(), clock, Cipher(),
                                    {.start_sweeper = false}).value();
    for (int i = 0; i < user_count; ++i) {
      model::User u;
      u.spotify_id = "user" + std::to_string(i);
      u.display_name = u.spotify_id;
      users.push_back(store->users().UpsertBySpotifyId(u).value().id);
    }
  }
  ~BenchDb() {
    store.reset();
    std::filesystem::remove_all(dir);
  }

  // `n` listens, `base` making them unique. `one_user`: the whole batch is one
  // user's (an import of one export file); else round-robin over all users
  // (the worst case for the userId-prefixed indexes).
  std::vector<model::Listen> Listens(int64_t base, int n, bool one_user) const {
    std::vector<model::Listen> out(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      int64_t k = base + i;
      auto& l = out[static_cast<size_t>(i)];
      size_t user = static_cast<size_t>(one_user ? base / n : k) % users.size();
      l.user_id = users[user];
      l.track_id = "track" + std::to_string(k % 50000);
      l.track_name = "Song " + std::to_string(k % 50000);
      l.artist_name = "Artist " + std::to_string(k % 3000);
      l.album_name = "Album";
      l.played_at = clock.Now() - std::chrono::seconds(k);
      l.duration_ms = 180000 + k % 60000;
      l.popularity = k % 100;
    }
    return out;
  }

  void Fill(int64_t rows, int batch) {
    for (int64_t done = 0; done < rows; done += batch) {
      (void)store->listens().InsertBatch(Listens(done, batch, true)).value();
    }
  }
};

void BM_BatchInsertListens(benchmark::State& state) {
  BenchDb db("insert", 1000);
  const int batch = static_cast<int>(state.range(0));
  const bool one_user = state.range(1) != 0;
  int64_t base = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto listens = db.Listens(base, batch, one_user);
    base += batch;
    state.ResumeTiming();
    auto r = db.store->listens().InsertBatch(std::move(listens));
    if (!r.ok() || r->inserted != batch) state.SkipWithError("insert failed");
  }
  state.SetItemsProcessed(base);
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(base), benchmark::Counter::kIsRate);
}
// Args: batch size, one user per batch (1) or round-robin (0). 300,000 rows each.
BENCHMARK(BM_BatchInsertListens)
    ->Args({10000, 1})
    ->Args({10000, 0})
    ->Iterations(30)
    ->Unit(benchmark::kMillisecond);

// Drops the listening_history indexes `keep` does not name, straight on the file.
// The store's prepared statements re-prepare on the schema change by themselves.
void DropListenIndexes(const std::filesystem::path& file, std::string_view keep) {
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, R"(SELECT name FROM sqlite_master WHERE type = 'index'
      AND tbl_name = 'echotune_listening_history' AND sql IS NOT NULL)", -1, &stmt, nullptr);
  std::vector<std::string> names;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string name = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    if (keep.empty() || name.find(keep) == std::string::npos) names.push_back(name);
  }
  sqlite3_finalize(stmt);
  for (const auto& name : names) {
    sqlite3_exec(db, ("DROP INDEX \"" + name + "\"").c_str(), nullptr, nullptr, nullptr);
  }
  sqlite3_close(db);
}

// Reference, not a product path: the same batches with the six contract indexes
// of listening_history dropped (arg 0), or all but the unique one (arg 1). Shows
// what the indexes cost per row, i.e. the ceiling SQLite puts on the bar above.
void BM_BatchInsertListensWithoutIndexes(benchmark::State& state) {
  BenchDb db("noindex", 1000);
  DropListenIndexes(db.dir / "bench.db", state.range(0) ? "userId_1_trackId_1_playedAt_1" : "");
  int64_t base = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto listens = db.Listens(base, 10000, true);
    base += 10000;
    state.ResumeTiming();
    auto r = db.store->listens().InsertBatch(std::move(listens));
    if (!r.ok() || r->inserted != 10000) state.SkipWithError("insert failed");
  }
  state.SetItemsProcessed(base);
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(base), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BatchInsertListensWithoutIndexes)->Arg(0)->Arg(1)->Iterations(30)->Unit(benchmark::kMillisecond);

void BM_RecentListensAt1M(benchmark::State& state) {
  BenchDb db("recent", 1000);
  const auto fill_start = Clock::now();
  db.Fill(1000000, 1000);
  std::printf("filled 1,000,000 listens in %.1f s\n",
              std::chrono::duration<double>(Clock::now() - fill_start).count());
  std::mt19937 rng(42);
  std::vector<double> micros;
  for (auto _ : state) {
    const auto& user = db.users[rng() % db.users.size()];
    auto t0 = Clock::now();
    auto recent = db.store->listens().Recent(user, 50);
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    if (!recent.ok() || recent->size() != 50) state.SkipWithError("recent failed");
  }
  std::sort(micros.begin(), micros.end());
  state.counters["p50_ms"] = micros[micros.size() / 2] / 1000.0;
  state.counters["p99_ms"] = micros[micros.size() * 99 / 100] / 1000.0;
}
BENCHMARK(BM_RecentListensAt1M)->Iterations(20000)->Unit(benchmark::kMicrosecond);

// Writes `n` analytics events straight into the table (setup, not measured).
void InsertRawEvents(const std::filesystem::path& file, int64_t n, int64_t created_ms) {
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, R"(INSERT INTO echotune_analytics_events ("_id", "userId", "eventType",
      "timestamp", "createdAt", "doc") VALUES (?1, NULL, 'track.played', ?2, ?2, '{}'))", -1, &stmt,
                     nullptr);
  for (int64_t i = 0; i < n; ++i) {
    std::string id = core::ObjectId::Generate().ToHex();
    sqlite3_bind_text(stmt, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 2, created_ms - i);
    sqlite3_step(stmt);
    sqlite3_reset(stmt);
  }
  sqlite3_finalize(stmt);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(db);
}

void BM_SweepExpiredEvents1M(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    BenchDb db("sweep", 1);
    InsertRawEvents(db.dir / "bench.db", 1000000, core::ToUnixMillis(db.clock.Now()));
    db.clock.Advance(std::chrono::hours(24 * 91));
    state.ResumeTiming();
    auto deleted = db.store->SweepExpired();
    state.PauseTiming();
    if (!deleted.ok() || *deleted != 1000000) state.SkipWithError("sweep failed");
    state.counters["deleted"] = static_cast<double>(deleted.ok() ? *deleted : 0);
    state.ResumeTiming();
  }
}
BENCHMARK(BM_SweepExpiredEvents1M)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace echotune::store

BENCHMARK_MAIN();
