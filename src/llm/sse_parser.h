// SseParser: incremental parser of a text/event-stream body (the WHATWG
// server-sent events format) as OpenAI, Anthropic and Gemini (alt=sse) stream
// it. Bytes go in as they arrive, in pieces of any size; complete events come
// out. Lines end in LF, CRLF or CR; "data:" lines of one event are joined
// with LF; ":" comments and unknown fields are ignored. Not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace echotune::llm {

struct SseEvent {
  std::string event;  // "" when the event had no "event:" line
  std::string data;
};

class SseParser final {
 public:
  // The events completed by `bytes` (those ended by a blank line).
  std::vector<SseEvent> Feed(std::string_view bytes);
  // True when bytes of an unfinished event are buffered (a cut stream).
  bool pending() const { return !line_.empty() || has_data_ || !current_.event.empty(); }
  // Total bytes fed.
  size_t bytes() const { return bytes_; }

 private:
  void Line(std::string_view line, std::vector<SseEvent>& out);

  std::string line_;
  bool last_was_cr_ = false;
  bool has_data_ = false;
  SseEvent current_;
  size_t bytes_ = 0;
};

}  // namespace echotune::llm
