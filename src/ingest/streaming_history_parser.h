// StreamingHistoryParser: the three streaming-history formats of a Spotify export
// (basic, extended, legacy endsong) read with simdjson into ExportPlays.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "ingest/export_format.h"
#include "ingest/export_play.h"

namespace simdjson::dom {
class parser;
}

namespace echotune::ingest {

class StreamingHistoryParser {
 public:
  StreamingHistoryParser();
  ~StreamingHistoryParser();
  StreamingHistoryParser(const StreamingHistoryParser&) = delete;
  StreamingHistoryParser& operator=(const StreamingHistoryParser&) = delete;

  // Parses `text` (the content of `file`) as `format` (one of the history formats).
  // Parsing is in place when text.capacity() >= text.size() + 64 (ReadFileText
  // allocates so), else on a copy.
  // Music plays come back in file order; podcast, audiobook and video entries and
  // entries without any track are counted in `skipped`. Malformed JSON, or an entry
  // of the wrong shape (e.g. ms_played not a number, unreadable timestamp), is a
  // VALIDATION_ERROR "file:line:column: …". Not thread-safe; reusable across files.
  core::Result<ParsedHistory> Parse(const std::string& text, ExportFormat format, const std::string& file);

  // Reads the file and parses it.
  core::Result<ParsedHistory> ParseFile(const ExportFile& file);

 private:
  std::unique_ptr<simdjson::dom::parser> parser_;
};

}  // namespace echotune::ingest
