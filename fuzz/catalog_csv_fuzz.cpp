// A catalogue CSV file (the Kaggle track data sets) through
// ingest::ParseCatalogCsv, lenient and strict; that covers the RFC 4180
// reader (CsvReader), the column mapping and the field value parsers.
#include "fuzz/fuzz_util.h"
#include "ingest/catalog_file.h"

using namespace echotune;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  const bool strict = fuzz::TakeByte(text) % 2 == 1;
  // A copy of exactly the input's size, so ASan sees any read past the end.
  std::string csv(text);
  auto file = ingest::ParseCatalogCsv(csv, "tracks.csv", strict,
                                      [&](size_t, size_t read, size_t total) {
                                        if (read > total) __builtin_trap();
                                                                      });
  if (file.ok()) {
    size_t counted = 0;
    for (const auto& [reason, n] : file->skipped) counted += n;
    if (counted + file->tracks.size() != file->rows) __builtin_trap();  // every row is a track or skipped
  }
  return 0;
}
