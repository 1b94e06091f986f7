// Where a JSON text goes wrong, for error messages that name line and column.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace echotune::ingest {

struct JsonSyntaxProblem {
  size_t offset = 0;      // byte offset of the problem
  std::string message;    // e.g. "syntax error"
};

// The first syntax error of `text`, or nullopt when it is well-formed JSON.
// Slow path only: called after the fast parser has already failed.
std::optional<JsonSyntaxProblem> FindJsonSyntaxError(std::string_view text);

// Byte offset where element `index` (0-based) of the top-level array starts, or the
// end of the text when there are fewer elements. REQUIRES: `text` is valid JSON.
size_t OffsetOfArrayElement(std::string_view text, size_t index);

}  // namespace echotune::ingest
