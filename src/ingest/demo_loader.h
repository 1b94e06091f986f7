// DemoLoader: `echotune demo` — both catalogues, one demo listener per playlist of
// spotify-songs-2020, and the two real export samples as two more users.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "ingest/catalog_file.h"
#include "ingest/import_summary.h"
#include "ingest/progress_reporter.h"
#include "store/store.h"

namespace echotune::ingest {

// The demo's listening history spans this many days before the listener's creation.
inline constexpr int kDemoHistoryDays = 90;

struct DemoUser {
  std::string spotify_id;
  std::string display_name;
  core::ObjectId id;
  int64_t plays = 0;  // rows of history given to the user by the demo data
};

struct DemoResult {
  ImportSummary catalog;
  ImportSummary listeners;  // playlist listeners' histories
  ImportSummary exports;    // the two export samples
  int64_t users_created = 0;
  std::vector<DemoUser> export_users;  // the two sample users
  size_t playlist_listeners = 0;
  bool NothingAdded() const;
};

class DemoLoader {
 public:
  // All references must outlive the loader. Not thread-safe.
  DemoLoader(store::Store& store, ProgressReporter& progress);

  // Loads from `data_dir` (the shared data folder with spotify-songs-2020,
  // spotify-hit-predictor and spotify-export-samples). Deterministic and
  // idempotent: a listener's plays are spread over the 90 days before the
  // listener's createdAt, so a second run writes nothing. VALIDATION_ERROR when
  // a data file is missing or broken; store errors pass through.
  core::Result<DemoResult> Load(const std::filesystem::path& data_dir, size_t batch_size = 5000);

 private:
  core::Result<model::User> EnsureUser(const std::string& spotify_id, const std::string& name, DemoResult& result);
  core::Status LoadListeners(const std::vector<CatalogFile>& songs, size_t batch_size, DemoResult& result);
  core::Status LoadExport(const std::filesystem::path& folder, const std::string& spotify_id,
                          const std::string& name, DemoResult& result);

  store::Store& store_;
  ProgressReporter& progress_;
};

}  // namespace echotune::ingest
