#include "ingest/json_location.h"

#include <boost/json/stream_parser.hpp>

namespace echotune::ingest {

std::optional<JsonSyntaxProblem> FindJsonSyntaxError(std::string_view text) {
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  size_t used = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (!ec) return std::nullopt;
  if (used >= text.size()) used = text.size();
  return JsonSyntaxProblem{used, ec.message()};
}

// Walks the text tracking string state and bracket depth; elements of the
// top-level array start after '[' or a ',' at depth 1.
size_t OffsetOfArrayElement(std::string_view text, size_t index) {
  int depth = 0;
  size_t seen = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') ++depth;
    else if (c == ']' || c == '}') --depth;
    bool boundary = (c == '[' && depth == 1) || (c == ',' && depth == 1);
    if (!boundary) continue;
    if (seen++ == index) {
      size_t start = text.find_first_not_of(" \t\r\n", i + 1);
      return start == std::string_view::npos ? text.size() : start;
    }
  }
  return text.size();
}

}  // namespace echotune::ingest
