// Reading a whole catalogue CSV file into CatalogTracks.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ingest/catalog_track.h"

namespace echotune::ingest {

struct CatalogFile {
  std::vector<CatalogTrack> tracks;       // usable rows, in file order (an id may repeat)
  size_t rows = 0;                        // data rows read (header excluded)
  std::map<std::string, size_t> skipped;  // reason -> rows
  std::vector<std::string> problems;      // "file:line:column: what" for the first bad rows
  size_t values_dropped = 0;              // out-of-range values left out
};

// Reports progress while reading: (rows read, bytes read, bytes in the file).
using ByteProgress = std::function<void(size_t, size_t, size_t)>;

// Parses CSV text named `file`. Fails (VALIDATION_ERROR "file:line:column: …") on
// malformed CSV, on a header without id/name columns, or — when `strict` — on the
// first bad row. Otherwise bad rows are skipped and counted.
core::Result<CatalogFile> ParseCatalogCsv(std::string_view text, const std::string& file, bool strict,
                                          const ByteProgress& progress = nullptr);

// Reads and parses the file at `path` (see ParseCatalogCsv).
core::Result<CatalogFile> ReadCatalogFile(const std::filesystem::path& path, bool strict,
                                          const ByteProgress& progress = nullptr);

}  // namespace echotune::ingest
