// Synthetic extended-format streaming history (Streaming_History_Audio_*.json), for
// the import benchmark and the interrupted-import test. Deterministic.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/result.h"

namespace echotune::ingest {

struct GeneratedExport {
  int64_t plays = 0;           // music plays written (every row is a music play)
  int64_t distinct_tracks = 0;
  std::vector<std::filesystem::path> files;
};

// Writes `plays` rows as files of at most `plays_per_file` rows into `dir`
// (Streaming_History_Audio_<n>.json, one JSON object per line), plays three minutes
// apart from 2020-01-01 over `distinct_tracks` tracks. REQUIRES: `dir` exists.
core::Result<GeneratedExport> GenerateExtendedExport(const std::filesystem::path& dir, int64_t plays,
                                                     int64_t plays_per_file, int64_t distinct_tracks = 20000);

}  // namespace echotune::ingest
