#include "ingest/json_document.h"

#include "ingest/file_text.h"
#include "ingest/input_error.h"
#include "ingest/json_location.h"

namespace echotune::ingest {

core::Result<std::unique_ptr<JsonDocument>> JsonDocument::Load(const std::string& path) {
  auto text = ReadFileText(path, simdjson::SIMDJSON_PADDING);
  if (!text.ok()) return std::move(text).error();
  return Parse(std::move(text).value(), path);
}

core::Result<std::unique_ptr<JsonDocument>> JsonDocument::Parse(std::string text, const std::string& path) {
  std::unique_ptr<JsonDocument> doc(new JsonDocument());
  doc->path_ = path;
  doc->text_ = std::move(text);
  if (doc->text_.capacity() < doc->text_.size() + simdjson::SIMDJSON_PADDING) {
    doc->text_.reserve(doc->text_.size() + simdjson::SIMDJSON_PADDING);
  }
  auto code = doc->parser_.parse(doc->text_.data(), doc->text_.size(), false).get(doc->root_);
  if (!code) return doc;
  if (auto problem = FindJsonSyntaxError(doc->text_)) {
    TextPosition pos = PositionOf(doc->text_, problem->offset);
    return InputError(path, pos.line, pos.column, "malformed JSON: " + problem->message);
  }
  return InputError(path, 1, 1, std::string("malformed JSON: ") + simdjson::error_message(code));
}

core::Error JsonDocument::ShapeError(std::string_view what) const {
  size_t first = text_.find_first_not_of(" \t\r\n");
  TextPosition pos = PositionOf(text_, first == std::string::npos ? 0 : first);
  return InputError(path_, pos.line, pos.column, what);
}

std::optional<std::string_view> StringMember(simdjson::dom::element object, std::string_view key) {
  std::string_view value;
  if (object[key].get(value)) return std::nullopt;
  return value;
}

}  // namespace echotune::ingest
