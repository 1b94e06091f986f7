// End-to-end import of a generated 1,000,000-play extended-format Spotify export
// into the embedded store (target: >= 300,000 plays/s). ECHOTUNE_BENCH_PLAYS
// overrides the number of plays.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "core/clock.h"
#include "core/config.h"
#include "ingest/export_generator.h"
#include "ingest/export_importer.h"
#include "ingest/listen_mapper.h"
#include "ingest/streaming_history_parser.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using namespace echotune;

int64_t Plays() {
  const char* env = std::getenv("ECHOTUNE_BENCH_PLAYS");
  return env ? std::atoll(env) : 1'000'000;
}

size_t BatchSize() {
  const char* env = std::getenv("ECHOTUNE_BENCH_BATCH");
  return env ? static_cast<size_t>(std::atoll(env)) : 10000;
}

fs::path FreshDir(const std::string& tag) {
  auto dir = fs::temp_directory_path() / ("echotune-bench-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void BM_ImportExtendedExport(benchmark::State& state) {
  const int64_t plays = Plays();
  fs::path data = FreshDir("export");
  auto generated = ingest::GenerateExtendedExport(data, plays, 20'000);
  if (!generated.ok()) return state.SkipWithError(generated.error().message.c_str());
  for (auto _ : state) {
    state.PauseTiming();
    fs::path db = FreshDir("db");
    core::Config config;
    config.db_path = (db / "echotune.db").string();
    auto store = store::OpenStore(config, core::SystemClock::Instance());
    if (!store.ok()) return state.SkipWithError(store.error().message.c_str());
    auto files = ingest::CollectExportFiles({data});
    std::ostringstream sink;
    ingest::ProgressReporter progress(sink, false, core::SystemClock::Instance());
    ingest::ExportImporter importer(**store, progress);
    state.ResumeTiming();
    auto start = std::chrono::steady_clock::now();
    auto summary = importer.Import(*files, ingest::ExportImportOptions{"bench-user", std::nullopt, BatchSize()});
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.PauseTiming();
    if (!summary.ok() || summary->imported != plays) {
      return state.SkipWithError(summary.ok() ? "not every play was imported" : summary.error().message.c_str());
    }
    std::printf("imported %lld plays from %zu files, batches of %zu, in %.2f s: %.0f plays/s (target 300000)\n",
                static_cast<long long>(plays), files->size(), BatchSize(), seconds, static_cast<double>(plays) / seconds);
    state.counters["plays_per_s"] = static_cast<double>(plays) / seconds;
    store->reset();
    fs::remove_all(db);
    state.ResumeTiming();
  }
  fs::remove_all(data);
}
BENCHMARK(BM_ImportExtendedExport)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// The importer's own share: reading, parsing and mapping to listen documents,
// without the store. Shows how much of the end-to-end time is the store's.
void BM_ParseAndMapExtendedExport(benchmark::State& state) {
  const int64_t plays = Plays();
  fs::path data = FreshDir("parse");
  auto generated = ingest::GenerateExtendedExport(data, plays, 20'000);
  if (!generated.ok()) return state.SkipWithError(generated.error().message.c_str());
  auto files = ingest::CollectExportFiles({data});
  ingest::CatalogIndex catalog;
  core::ObjectId user = core::ObjectId::Generate();
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    ingest::StreamingHistoryParser parser;
    int64_t mapped = 0;
    for (const auto& file : *files) {
      auto history = parser.ParseFile(file);
      if (!history.ok()) return state.SkipWithError(history.error().message.c_str());
      for (const auto& play : history->plays) {
        benchmark::DoNotOptimize(ingest::ToListen(play, user, catalog));
        ++mapped;
      }
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("parsed and mapped %lld plays in %.2f s: %.0f plays/s (no store)\n", static_cast<long long>(mapped),
                seconds, static_cast<double>(mapped) / seconds);
    state.counters["plays_per_s"] = static_cast<double>(mapped) / seconds;
  }
  fs::remove_all(data);
}
BENCHMARK(BM_ParseAndMapExtendedExport)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
