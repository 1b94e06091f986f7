#include "ingest/catalog_file.h"

#include "ingest/catalog_columns.h"
#include "ingest/catalog_row.h"
#include "ingest/csv_reader.h"
#include "ingest/file_text.h"
#include "ingest/input_error.h"

namespace echotune::ingest {
namespace {

constexpr size_t kMaxProblemsKept = 20;
constexpr size_t kProgressEveryRows = 4096;

}  // namespace

core::Result<CatalogFile> ParseCatalogCsv(std::string_view text, const std::string& file, bool strict,
                                          const ByteProgress& progress) {
  CsvReader reader(text, file);
  auto header = reader.Next();
  if (!header.ok()) return std::move(header).error();
  if (!header->has_value()) return InputError(file, 1, 1, "empty file: no header line");
  auto columns = CatalogColumns::FromHeader(**header, file);
  if (!columns.ok()) return std::move(columns).error();
  CatalogFile result;
  while (true) {
    auto record = reader.Next();
    if (!record.ok()) return std::move(record).error();
    if (!record->has_value()) break;
    ++result.rows;
    CatalogRowOutcome row = MapCatalogRow(*columns, **record);
    result.values_dropped += static_cast<size_t>(row.values_dropped);
    if (row.track) {
      result.tracks.push_back(std::move(*row.track));
    } else if (row.skip_reason == kSkipBadRow) {
      core::Error e = InputError(file, (*record)->line, row.column, row.problem);
      if (strict) return e;
      if (result.problems.size() < kMaxProblemsKept) result.problems.push_back(e.message);
      ++result.skipped[row.skip_reason];
    } else {
      ++result.skipped[row.skip_reason];
    }
    if (progress && result.rows % kProgressEveryRows == 0) progress(result.rows, reader.offset(), text.size());
  }
  if (progress) progress(result.rows, text.size(), text.size());
  return result;
}

core::Result<CatalogFile> ReadCatalogFile(const std::filesystem::path& path, bool strict,
                                          const ByteProgress& progress) {
  auto text = ReadFileText(path, 0);
  if (!text.ok()) return std::move(text).error();
  return ParseCatalogCsv(*text, path.string(), strict, progress);
}

}  // namespace echotune::ingest
