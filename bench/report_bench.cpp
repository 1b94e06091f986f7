// Listening report benchmark (issue 16): GET /api/analytics/report's work for a
// year of 100,000 listens on the embedded store — the indexed range scan, the
// catalogue lookup of the tracks, the computation and the JSON — target < 100 ms.
// /1: the user's whole history is that year; /2: a year before it too (the
// all-time figures and the previous period then read 200,000 listens). The
// parts are measured on their own too (scan, catalogue lookup, computation).
#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <unistd.h>

#include "analytics/report_json.h"
#include "analytics/report_loader.h"
#include "core/json_write.h"
#include "core/time_format.h"
#include "store/sqlite/sqlite_store.h"

namespace echotune::analytics {
namespace {

constexpr int kListensPerYear = 100'000;
constexpr int kTracks = 8'000, kArtists = 900, kCatalogued = 6'000;
constexpr const char* kGenres[] = {"rock", "pop", "jazz", "indie", "edm", "hip-hop", "folk", "metal"};

const store::TokenCipher& Cipher() {
  static const store::TokenCipher cipher = store::TokenCipher::FromHex(std::string(64, 'c')).value();
  return cipher;
}

struct ReportDb {
  std::filesystem::path dir;
  core::FakeClock clock{*core::ParseIso8601("2026-01-15T00:00:00Z")};
  std::unique_ptr<store::Store> store;
  core::ObjectId user;

  explicit ReportDb(int years) {
    dir = std::filesystem::temp_directory_path() /
          ("echotune-bench-report-" + std::to_string(::getpid()) + "-" + std::to_string(years));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store = store::sqlite::OpenSqliteStore((dir / "bench.db").string(), clock, Cipher(), {.start_sweeper = false})
                .value();
    model::User u;
    u.spotify_id = "listener";
    u.display_name = "Listener";
    user = store->users().UpsertBySpotifyId(u).value().id;
    (void)store->tracks().UpsertMany(Catalogue()).value();
    for (int y = 0; y < years; ++y) AddYear(2025 - y);
  }
  ~ReportDb() {
    store.reset();
    std::filesystem::remove_all(dir);
  }

  static std::vector<model::TrackMetadata> Catalogue() {
    std::vector<model::TrackMetadata> out;
    for (int i = 0; i < kCatalogued; ++i) {
      model::TrackMetadata t;
      t.spotify_id = "track" + std::to_string(i);
      t.name = "Song " + std::to_string(i);
      t.artists = {{"a" + std::to_string(i % kArtists), "Artist " + std::to_string(i % kArtists)}};
      model::AudioFeatures f;
      f.energy = (i % 100) / 100.0;
      f.valence = (i * 7 % 100) / 100.0;
      t.audio_features = f;
      t.genres = {kGenres[i % 8], kGenres[(i / 8) % 8]};
      out.push_back(std::move(t));
    }
    return out;
  }

  // 100,000 listens spread over the year, skewed towards low track numbers.
  void AddYear(int year) {
    auto start = *core::ParseIso8601(std::to_string(year) + "-01-01T00:00:00Z");
    const int64_t step_ms = 365LL * 86'400'000 / kListensPerYear;
    std::vector<model::Listen> batch;
    for (int i = 0; i < kListensPerYear; ++i) {
      int track = static_cast<int>((static_cast<int64_t>(i) * 7919 % kTracks) * (i % 3 + 1) / 3);
      model::Listen l;
      l.user_id = user;
      l.track_id = "track" + std::to_string(track);
      l.track_name = "Song " + std::to_string(track);
      l.artist_name = "Artist " + std::to_string(track % kArtists);
      l.played_at = start + std::chrono::milliseconds(step_ms * i);
      l.duration_ms = 150'000 + i % 90'000;
      l.skip_count = i % 9 == 0 ? 1 : 0;
      batch.push_back(std::move(l));
      if (batch.size() == 10'000) (void)store->listens().InsertBatch(std::exchange(batch, {})).value();
    }
  }
};

// One database per history length, built once (a few seconds) and shared.
ReportDb& Db(int years) {
  static std::map<int, std::unique_ptr<ReportDb>> dbs;
  auto& db = dbs[years];
  if (!db) db = std::make_unique<ReportDb>(years);
  return *db;
}

ReportPeriod Year2025(const ReportDb& db) { return MakeReportPeriod("year", "2025-06-01", db.clock.Now()).value(); }

void BM_YearReport(benchmark::State& state) {
  ReportDb& db = Db(static_cast<int>(state.range(0)));
  auto period = Year2025(db);
  for (auto _ : state) {
    auto report = LoadListeningReport(*db.store, db.user, period);
    if (!report.ok() || report->current.plays != kListensPerYear) state.SkipWithError("wrong report");
    benchmark::DoNotOptimize(core::JsonWrite(ReportJson(*report)));
  }
}
BENCHMARK(BM_YearReport)->Arg(1)->Arg(2)->Iterations(20)->Unit(benchmark::kMillisecond)->UseRealTime();

// The parts: the range scan into a PlayLog, the catalogue facts of its
// tracks, and the computation.
void BM_ScanYear(benchmark::State& state) {
  ReportDb& db = Db(1);
  auto period = Year2025(db);
  for (auto _ : state) {
    PlayLog log;
    auto s = db.store->listens().ScanRange(db.user, period.start, period.end, [&](const store::PlayRow& r) {
      log.Add(r);
      return true;
    });
    if (!s.ok() || log.plays().size() != kListensPerYear) state.SkipWithError("wrong scan");
  }
}
BENCHMARK(BM_ScanYear)->Iterations(20)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CatalogueFacts(benchmark::State& state) {
  ReportDb& db = Db(1);
  std::vector<std::string> ids;
  for (int i = 0; i < kTracks; ++i) ids.push_back("track" + std::to_string(i));
  for (auto _ : state) {
    for (size_t from = 0; from < ids.size(); from += 500) {
      std::vector<std::string> slice(ids.begin() + static_cast<std::ptrdiff_t>(from),
                                     ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), from + 500)));
      benchmark::DoNotOptimize(db.store->tracks().GetMany(slice));
    }
  }
}
BENCHMARK(BM_CatalogueFacts)->Iterations(20)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BuildReport(benchmark::State& state) {
  ReportDb& db = Db(1);
  auto period = Year2025(db);
  auto log = LoadPlayLog(*db.store, db.user, period.end).value();
  for (auto _ : state) benchmark::DoNotOptimize(BuildListeningReport(log, period));
}
BENCHMARK(BM_BuildReport)->Iterations(20)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace echotune::analytics

BENCHMARK_MAIN();
