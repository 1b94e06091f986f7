// Errors about bad input files, carrying where the problem is (file, line, column).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"

namespace echotune::ingest {

// A VALIDATION_ERROR whose message reads "<file>:<line>:<column>: <what>" and whose
// details hold file, line and column. line/column are 1-based; 0 means unknown.
core::Error InputError(std::string_view file, size_t line, size_t column, std::string_view what);

// 1-based line and column of byte `offset` in `text` (column counts bytes).
struct TextPosition {
  size_t line = 1;
  size_t column = 1;
};
TextPosition PositionOf(std::string_view text, size_t offset);

}  // namespace echotune::ingest
