#include "ingest/input_error.h"

#include <algorithm>

namespace echotune::ingest {

core::Error InputError(std::string_view file, size_t line, size_t column, std::string_view what) {
  std::string message(file);
  if (line > 0) message += ":" + std::to_string(line);
  if (column > 0) message += ":" + std::to_string(column);
  message += ": ";
  message += what;
  core::Error e{core::ErrorCode::kValidationError, std::move(message), {}};
  e.details["file"] = std::string(file);
  e.details["line"] = line;
  e.details["column"] = column;
  return e;
}

TextPosition PositionOf(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  std::string_view before = text.substr(0, offset);
  TextPosition pos;
  pos.line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  size_t last_newline = before.rfind('\n');
  pos.column = last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
  return pos;
}

}  // namespace echotune::ingest
