#include "ingest/export_importer.h"

#include "ingest/library_writer.h"
#include "ingest/listen_mapper.h"

namespace echotune::ingest {
namespace {

ImportSummary ParseSummary(const ParsedHistory& history) {
  ImportSummary s;
  s.rows = static_cast<int64_t>(history.rows);
  for (const auto& [reason, n] : history.skipped) s.skipped[reason] += static_cast<int64_t>(n);
  return s;
}

ImportSummary FileError(const core::Error& error) {
  ImportSummary s;
  s.errors.push_back(error.message);
  return s;
}

}  // namespace

ExportImporter::ExportImporter(store::Store& store, ProgressReporter& progress)
    : store_(store), progress_(progress) {}

core::Result<ImportSummary> ExportImporter::Import(const std::vector<ExportFile>& files,
                                                   const ExportImportOptions& options) {
  ImportSummary total;
  options_ = options;
  user_id_ = core::ObjectId();
  if (auto s = FindUser(); !s.ok()) return std::move(s).error();
  if (auto s = EnsureCatalog(); !s.ok()) return std::move(s).error();
  for (const ExportFile& file : files) {
    progress_.BeginFile(file.path.string(), 0);
    auto summary = ImportFile(file, std::max<size_t>(options.batch_size, 1));
    if (!summary.ok()) return std::move(summary).error();
    progress_.EndFile(summary->errors.empty() ? summary->OneLine() : "error: " + summary->errors.front());
    total.Add(*summary);
  }
  if (created_user_) {
    total.warnings.push_back("created user " + options.spotify_id + " (" + user_id_.ToHex() + ")");
  }
  return total;
}

core::Status ExportImporter::FindUser() {
  created_user_ = false;
  auto found = store_.users().GetBySpotifyId(options_.spotify_id);
  if (found.ok()) user_id_ = found->id;
  if (found.ok() || found.error().code == core::ErrorCode::kNotFound) return core::Ok();
  return std::move(found).error();
}

// Called only once a file has parsed and has something to write, so a
// malformed or empty export leaves no empty user behind.
core::Status ExportImporter::EnsureUser() {
  if (!user_id_.IsZero()) return core::Ok();
  model::User user;
  user.spotify_id = options_.spotify_id;
  user.display_name = options_.display_name.value_or(options_.spotify_id);
  auto created = store_.users().UpsertBySpotifyId(user);
  if (!created.ok()) return std::move(created).error();
  user_id_ = created->id;
  created_user_ = true;
  return core::Ok();
}

core::Status ExportImporter::EnsureCatalog() {
  if (catalog_) return core::Ok();
  auto loaded = CatalogIndex::Load(store_.tracks());
  if (!loaded.ok()) return std::move(loaded).error();
  catalog_ = std::move(loaded).value();
  return core::Ok();
}

core::Result<ImportSummary> ExportImporter::ImportFile(const ExportFile& file, size_t batch_size) {
  switch (file.format) {
    case ExportFormat::kLibrary: return ImportLibrary(file);
    case ExportFormat::kPlaylists: return ImportPlaylists(file);
    case ExportFormat::kUnknown: return FileError(core::Error::Validation("file", file.path.string() + ": unknown format"));
    default: return ImportHistory(file, batch_size);
  }
}

// Parses the whole file first (so a malformed file writes nothing), then writes
// its plays in batches, one transaction each.
core::Result<ImportSummary> ExportImporter::ImportHistory(const ExportFile& file, size_t batch_size) {
  auto history = parser_.ParseFile(file);
  if (!history.ok()) return FileError(history.error());
  ImportSummary summary = ParseSummary(*history);
  const auto& plays = history->plays;
  if (!plays.empty()) {
    if (auto s = EnsureUser(); !s.ok()) return std::move(s).error();
  }
  progress_.BeginFile(file.path.string(), static_cast<int64_t>(plays.size()));
  std::vector<model::Listen> batch;
  for (size_t start = 0; start < plays.size(); start += batch_size) {
    size_t end = std::min(plays.size(), start + batch_size);
    batch.clear();
    batch.reserve(end - start);
    for (size_t i = start; i < end; ++i) batch.push_back(ToListen(plays[i], user_id_, *catalog_));
    auto written = store_.listens().InsertBatch(std::move(batch));
    if (!written.ok()) return std::move(written).error();
    summary.imported += written->inserted;
    if (written->duplicates > 0) summary.skipped[kSkipAlreadyImported] += written->duplicates;
    progress_.Update(static_cast<int64_t>(end));
  }
  return summary;
}

core::Result<ImportSummary> ExportImporter::ImportLibrary(const ExportFile& file) {
  auto library = ReadExportLibrary(file.path.string());
  if (!library.ok()) return FileError(library.error());
  ImportSummary summary;
  if (auto s = EnsureUser(); !s.ok()) return std::move(s).error();
  LibraryWriter writer(store_, user_id_, *catalog_);
  if (auto s = writer.WriteLibrary(*library, summary); !s.ok()) return std::move(s).error();
  return summary;
}

core::Result<ImportSummary> ExportImporter::ImportPlaylists(const ExportFile& file) {
  auto playlists = ReadExportPlaylists(file.path.string());
  if (!playlists.ok()) return FileError(playlists.error());
  ImportSummary summary;
  if (playlists->empty()) return summary;
  if (auto s = EnsureUser(); !s.ok()) return std::move(s).error();
  LibraryWriter writer(store_, user_id_, *catalog_);
  for (const ExportPlaylist& p : *playlists) {
    if (auto s = writer.WritePlaylist(p, summary); !s.ok()) return std::move(s).error();
    if (p.skipped_items > 0) summary.skipped["playlist item without a track"] += static_cast<int64_t>(p.skipped_items);
  }
  return summary;
}

}  // namespace echotune::ingest
