// CsvReader: RFC 4180 records from text in memory. Handles quoted fields with
// embedded commas, quotes ("") and newlines; LF, CRLF and a final line without a
// newline; a UTF-8 byte-order mark at the start.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace echotune::ingest {

struct CsvField {
  std::string text;
  bool quoted = false;  // written in quotes (an unquoted NA is R's missing value, "NA" is text)
};

struct CsvRecord {
  std::vector<CsvField> fields;
  size_t line = 0;  // 1-based line where the record starts
};

class CsvReader {
 public:
  // REQUIRES: `text` outlives the reader. `file` names the input in error messages.
  CsvReader(std::string_view text, std::string file);

  // The next record, nullopt at the end of input, or a VALIDATION_ERROR naming file,
  // line and column (unterminated quote, text after a closing quote). Not thread-safe.
  core::Result<std::optional<CsvRecord>> Next();

  // Byte offset of the next unread character (for progress).
  size_t offset() const { return pos_; }

 private:
  core::Result<CsvField> ReadField();
  core::Result<CsvField> ReadQuoted();
  core::Error ErrorAt(size_t offset, std::string_view what) const;
  bool AtRecordEnd() const;
  void SkipRecordEnd();

  std::string_view text_;
  std::string file_;
  size_t pos_ = 0;
  size_t line_ = 1;  // line of pos_
};

}  // namespace echotune::ingest
