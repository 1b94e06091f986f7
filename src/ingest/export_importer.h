// ExportImporter: `echotune import spotify-export` — the files of a Spotify data
// export into one user's listening history, feedback and playlists.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/catalog_index.h"
#include "ingest/export_format.h"
#include "ingest/export_library.h"
#include "ingest/import_summary.h"
#include "ingest/progress_reporter.h"
#include "ingest/streaming_history_parser.h"
#include "store/store.h"

namespace echotune::ingest {

struct ExportImportOptions {
  std::string spotify_id;                   // the user; created when missing
  std::optional<std::string> display_name;  // for a new user; default the spotifyId
  size_t batch_size = 10000;                // listens per transaction
};

class ExportImporter {
 public:
  // `store` and `progress` must outlive the importer. Not thread-safe.
  ExportImporter(store::Store& store, ProgressReporter& progress);

  // Imports `files` (see CollectExportFiles) in order. Streaming history: one
  // transaction per batch of listens; a listen already stored (same user, track,
  // start time) is skipped as "already imported", so re-running an import, also
  // after it was killed, completes it without duplicates. YourLibrary.json: saved
  // tracks become liked (and saved) feedback, banned tracks disliked, in
  // recommendations.user_feedback, plus a "Liked Songs" manual playlist.
  // Playlist*.json: manual playlists, matched to existing ones by name.
  // A file that cannot be read or parsed goes to summary.errors and nothing of it is
  // written. Store failures are returned as errors.
  core::Result<ImportSummary> Import(const std::vector<ExportFile>& files, const ExportImportOptions& options);

  // The user is found by spotifyId, or created just before the first write of
  // the first file that parses and has something to write; an import whose
  // files are all malformed (or empty) creates no user.
  // The user's ObjectId after Import; zero before, and when no user exists.
  const core::ObjectId& user_id() const { return user_id_; }

 private:
  core::Status FindUser();
  core::Status EnsureUser();
  core::Status EnsureCatalog();
  core::Result<ImportSummary> ImportFile(const ExportFile& file, size_t batch_size);
  core::Result<ImportSummary> ImportHistory(const ExportFile& file, size_t batch_size);
  core::Result<ImportSummary> ImportLibrary(const ExportFile& file);
  core::Result<ImportSummary> ImportPlaylists(const ExportFile& file);

  store::Store& store_;
  ProgressReporter& progress_;
  ExportImportOptions options_;  // of the running Import
  core::ObjectId user_id_;
  bool created_user_ = false;
  std::optional<CatalogIndex> catalog_;  // loaded on first use
  StreamingHistoryParser parser_;
};

}  // namespace echotune::ingest
