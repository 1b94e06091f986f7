// Turning one catalogue CSV record into a CatalogTrack.
#pragma once

#include <optional>
#include <string>

#include "ingest/catalog_columns.h"
#include "ingest/catalog_track.h"
#include "ingest/csv_reader.h"

namespace echotune::ingest {

// Skip reasons reported in the import summary.
inline constexpr const char* kSkipBadRow = "bad row";
inline constexpr const char* kSkipMissingName = "no track name (NA)";

struct CatalogRowOutcome {
  std::optional<CatalogTrack> track;  // set when the row is usable
  std::string skip_reason;            // otherwise: kSkipBadRow or kSkipMissingName
  std::string problem;                // for a bad row: what is wrong, naming the column
  size_t column = 0;                  // 1-based column of the problem, 0 if none
  int values_dropped = 0;             // out-of-range values left out of a usable track
};

// Maps `record` using `columns`. A row is bad when its column count differs from the
// header, its id is not a Spotify track id, or a numeric/boolean cell is unreadable.
// A row whose name is missing (R's NA) is skipped, not bad. Out-of-range values
// (e.g. time_signature 0, popularity 140) are dropped from an otherwise usable track.
// Genres come lower-cased and de-duplicated. Known spreadsheet damage is repaired.
CatalogRowOutcome MapCatalogRow(const CatalogColumns& columns, const CsvRecord& record);

}  // namespace echotune::ingest
