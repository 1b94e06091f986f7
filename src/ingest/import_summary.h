// ImportSummary: what an import did, counted per file and in total.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace echotune::ingest {

// Skip reasons used by the store-facing importers (parsers define their own).
inline constexpr const char* kSkipAlreadyImported = "already imported";

struct ImportSummary {
  int64_t rows = 0;       // input rows/entries read
  int64_t imported = 0;   // new documents written
  int64_t updated = 0;    // existing documents changed
  int64_t unchanged = 0;  // existing documents the input matched exactly
  std::map<std::string, int64_t> skipped;  // reason -> rows
  std::vector<std::string> errors;         // one message per failed file
  std::vector<std::string> warnings;       // e.g. the first bad rows of a CSV

  void Add(const ImportSummary& other);
  int64_t SkippedTotal() const;
  // "imported 6,866, updated 0, unchanged 0, skipped 49 (podcast 49), errors 0".
  std::string OneLine() const;
  // Several lines: totals, each skip reason, each error.
  std::string Report() const;
};

// 1234567 -> "1,234,567".
std::string WithThousands(int64_t n);

}  // namespace echotune::ingest
