#include "ingest/csv_reader.h"

#include "ingest/input_error.h"

namespace echotune::ingest {

CsvReader::CsvReader(std::string_view text, std::string file)
    : text_(text), file_(std::move(file)) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

core::Error CsvReader::ErrorAt(size_t offset, std::string_view what) const {
  TextPosition p = PositionOf(text_, offset);
  return InputError(file_, p.line, p.column, what);
}

bool CsvReader::AtRecordEnd() const {
  return pos_ >= text_.size() || text_[pos_] == '\n' ||
         (text_[pos_] == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n'));
}

void CsvReader::SkipRecordEnd() {
  if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '\n') {
    ++pos_;
    ++line_;
  }
}

core::Result<std::optional<CsvRecord>> CsvReader::Next() {
  // Blank lines between records carry no data.
  while (pos_ < text_.size() && AtRecordEnd()) SkipRecordEnd();
  if (pos_ >= text_.size()) return std::optional<CsvRecord>();
  CsvRecord record;
  record.line = line_;
  while (true) {
    auto field = ReadField();
    if (!field.ok()) return std::move(field).error();
    record.fields.push_back(std::move(field).value());
    if (AtRecordEnd()) break;
    ++pos_;  // the comma
  }
  SkipRecordEnd();
  return std::optional<CsvRecord>(std::move(record));
}

core::Result<CsvField> CsvReader::ReadField() {
  if (pos_ < text_.size() && text_[pos_] == '"') return ReadQuoted();
  size_t start = pos_;
  while (pos_ < text_.size() && text_[pos_] != ',' && !AtRecordEnd()) {
    if (text_[pos_] == '"') return ErrorAt(pos_, "quote inside an unquoted field");
    ++pos_;
  }
  return CsvField{std::string(text_.substr(start, pos_ - start)), false};
}

// A quoted field: "" is a quote; newlines inside are part of the value.
core::Result<CsvField> CsvReader::ReadQuoted() {
  size_t open = pos_++;
  CsvField field{std::string(), true};
  while (true) {
    size_t quote = text_.find('"', pos_);
    if (quote == std::string_view::npos) return ErrorAt(open, "unterminated quoted field");
    for (size_t i = pos_; i < quote; ++i) {
      if (text_[i] == '\n') ++line_;
    }
    field.text.append(text_.substr(pos_, quote - pos_));
    pos_ = quote + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      field.text.push_back('"');
      ++pos_;
      continue;
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && !AtRecordEnd()) {
      return ErrorAt(pos_, "unexpected character after closing quote");
    }
    return field;
  }
}

}  // namespace echotune::ingest
