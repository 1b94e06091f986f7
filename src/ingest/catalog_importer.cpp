#include "ingest/catalog_importer.h"

#include <unordered_map>

#include "ingest/track_document.h"

namespace echotune::ingest {
namespace {

ImportSummary FileSummary(const CatalogFile& file) {
  ImportSummary s;
  s.rows = static_cast<int64_t>(file.rows);
  for (const auto& [reason, n] : file.skipped) s.skipped[reason] += static_cast<int64_t>(n);
  s.warnings = file.problems;
  return s;
}

// Rows of the same spotifyId fold into one document, in input order.
std::vector<model::TrackMetadata> MergeRows(const std::vector<CatalogFile>& files) {
  std::vector<model::TrackMetadata> merged;
  std::unordered_map<std::string, size_t> slot;
  for (const CatalogFile& file : files) {
    for (const CatalogTrack& row : file.tracks) {
      model::TrackMetadata doc = ToTrackMetadata(row);
      auto [it, inserted] = slot.emplace(doc.spotify_id, merged.size());
      if (inserted) merged.push_back(std::move(doc));
      else merged[it->second] = model::MergeTrack(merged[it->second], doc);
    }
  }
  return merged;
}

}  // namespace

CatalogImporter::CatalogImporter(store::TrackMetadataRepository& tracks, ProgressReporter& progress)
    : tracks_(tracks), progress_(progress) {}

core::Result<CatalogImportResult> CatalogImporter::Import(const std::vector<std::filesystem::path>& paths,
                                                          const CatalogImportOptions& options) {
  CatalogImportResult result;
  size_t usable_rows = 0;
  for (const auto& path : paths) {
    progress_.BeginFile(path.string(), 0);
    // The row total is estimated from the bytes read so far.
    auto file = ReadCatalogFile(path, options.strict, [this](size_t rows, size_t done, size_t total) {
      progress_.SetTotal(done ? static_cast<int64_t>(rows * total / done) : 0);
      progress_.Update(static_cast<int64_t>(rows));
    });
    if (!file.ok()) {
      result.summary.errors.push_back(file.error().message);
      progress_.EndFile("error: " + file.error().message);
      continue;
    }
    ImportSummary fs = FileSummary(*file);
    progress_.EndFile(WithThousands(fs.rows) + " rows read, " + WithThousands(file->tracks.size()) +
                      " usable, skipped " + WithThousands(fs.SkippedTotal()));
    result.summary.Add(fs);
    usable_rows += file->tracks.size();
    result.files.push_back(std::move(file).value());
  }
  if (options.strict && !result.summary.errors.empty()) return result;
  std::vector<model::TrackMetadata> merged = MergeRows(result.files);
  result.summary.unchanged += static_cast<int64_t>(usable_rows - merged.size());
  if (auto s = Write(merged, options.batch_size, result.summary); !s.ok()) return std::move(s).error();
  return result;
}

// Compares each merged track with the stored one and writes only what changes.
core::Status CatalogImporter::Write(const std::vector<model::TrackMetadata>& merged, size_t batch_size,
                                    ImportSummary& summary) {
  progress_.BeginFile("catalogue tracks", static_cast<int64_t>(merged.size()));
  auto count = tracks_.Count();
  if (!count.ok()) return std::move(count).error();
  const bool empty_store = *count == 0;  // first load: nothing to compare with
  for (size_t start = 0; start < merged.size(); start += batch_size) {
    size_t end = std::min(merged.size(), start + batch_size);
    std::vector<std::string> ids;
    for (size_t i = start; i < end && !empty_store; ++i) ids.push_back(merged[i].spotify_id);
    auto stored = tracks_.GetMany(ids);
    if (!stored.ok()) return std::move(stored).error();
    std::unordered_map<std::string, const model::TrackMetadata*> existing;
    for (const auto& t : *stored) existing.emplace(t.spotify_id, &t);
    std::vector<model::TrackMetadata> writes;
    for (size_t i = start; i < end; ++i) {
      auto it = existing.find(merged[i].spotify_id);
      if (it == existing.end()) ++summary.imported;
      else if (SameContent(model::MergeTrack(*it->second, merged[i]), *it->second)) { ++summary.unchanged; continue; }
      else ++summary.updated;
      writes.push_back(merged[i]);
    }
    if (!writes.empty()) {
      auto written = tracks_.UpsertMany(std::move(writes));
      if (!written.ok()) return std::move(written).error();
    }
    progress_.Update(static_cast<int64_t>(end));
  }
  progress_.EndFile(WithThousands(summary.imported) + " new, " + WithThousands(summary.updated) + " updated, " +
                    WithThousands(summary.unchanged) + " unchanged");
  return core::Ok();
}

}  // namespace echotune::ingest
