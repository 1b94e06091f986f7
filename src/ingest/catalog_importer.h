// CatalogImporter: `echotune import catalog` — catalogue CSV files into track_metadata.
#pragma once

#include <filesystem>
#include <vector>

#include "core/result.h"
#include "ingest/catalog_file.h"
#include "ingest/import_summary.h"
#include "ingest/progress_reporter.h"
#include "store/track_metadata_repository.h"

namespace echotune::ingest {

struct CatalogImportOptions {
  bool strict = false;       // a bad row fails its file, and any failed file writes nothing at all
  size_t batch_size = 2000;  // tracks per transaction
};

struct CatalogImportResult {
  ImportSummary summary;  // counts are in rows; errors name file, line and column
  std::vector<CatalogFile> files;  // what was read, in input order (failed files left out)
};

class CatalogImporter {
 public:
  // `tracks` and `progress` must outlive the importer. Not thread-safe.
  CatalogImporter(store::TrackMetadataRepository& tracks, ProgressReporter& progress);

  // Reads every file first, merges rows of the same track across files in input
  // order (later values win, genres unioned), then upserts only new or changed
  // tracks, `batch_size` per transaction. A file that cannot be read or parsed is
  // reported in summary.errors and nothing of it is written; with `strict`, nothing
  // at all is written then. Rows: imported (new track), updated (stored track
  // changed), unchanged (stored track already had it all; includes rows merged
  // into another row of the same track that changed nothing), skipped by reason.
  // Store failures are returned as errors (batches already committed stay).
  core::Result<CatalogImportResult> Import(const std::vector<std::filesystem::path>& files,
                                           const CatalogImportOptions& options);

 private:
  core::Status Write(const std::vector<model::TrackMetadata>& merged, size_t batch_size, ImportSummary& summary);

  store::TrackMetadataRepository& tracks_;
  ProgressReporter& progress_;
};

}  // namespace echotune::ingest
