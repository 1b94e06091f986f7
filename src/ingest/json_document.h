// JsonDocument: a small whole-document JSON reader for the export files that are
// objects (YourLibrary.json, Playlist*.json), with errors that name file, line and column.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "core/result.h"

namespace echotune::ingest {

class JsonDocument {
 public:
  // Reads and parses `path`. VALIDATION_ERROR "file:line:column: …" when unreadable or malformed.
  static core::Result<std::unique_ptr<JsonDocument>> Load(const std::string& path);
  // Parses `text` (the content of the file `path`) in the same way; in place
  // when it has simdjson's padding of spare capacity, else on a copy.
  static core::Result<std::unique_ptr<JsonDocument>> Parse(std::string text, const std::string& path);

  // The root element; valid while this document lives.
  simdjson::dom::element root() const { return root_; }
  // An error about the document's shape (not its syntax), located at the root.
  core::Error ShapeError(std::string_view what) const;

 private:
  JsonDocument() = default;
  std::string path_;
  std::string text_;
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
};

// Text of a string member, nullopt when absent, null or not a string.
std::optional<std::string_view> StringMember(simdjson::dom::element object, std::string_view key);

}  // namespace echotune::ingest
