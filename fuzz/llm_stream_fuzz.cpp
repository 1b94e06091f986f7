// An LLM provider's answer: the SSE stream (llm::SseParser, fed in pieces as
// curl hands them over) and each event through the vendor's ParseEvent, or a
// whole non-streamed JSON answer through ParseReply. The first byte picks the
// vendor (OpenAI-compatible, Anthropic, Gemini) and the chunk size.
#include <boost/json/parse.hpp>

#include "fuzz/fuzz_util.h"
#include "llm/anthropic_provider.h"
#include "llm/gemini_provider.h"
#include "llm/openai_provider.h"
#include "llm/sse_parser.h"
#include "spotify/async_http_client.h"

using namespace echotune;

namespace {

struct Providers {
  spotify::AsyncHttpClient http;  // never called: only the parsing is fuzzed
  llm::OpenAiProvider openai{llm::ProviderConfig{.id = "openai", .model = "m"}, http};
  llm::AnthropicProvider anthropic{llm::ProviderConfig{.id = "anthropic", .model = "m"}, http};
  llm::GeminiProvider gemini{llm::ProviderConfig{.id = "gemini", .model = "m"}, http};
};

template <typename P>
void Stream(const P& provider, std::string_view text, size_t chunk) {
  llm::SseParser parser;
  std::string answer;
  for (size_t at = 0; at < text.size(); at += chunk) {
    for (const llm::SseEvent& e : parser.Feed(text.substr(at, chunk))) {
      llm::EventOutcome o = provider.ParseEvent(e);
      if (o.bad) return;
      answer += o.delta;
      if (o.done) return;
    }
  }
  if (parser.bytes() != text.size()) __builtin_trap();
}

template <typename P>
void Whole(const P& provider, std::string_view text) {
  boost::system::error_code ec;
  boost::json::value body = boost::json::parse(text, ec);
  if (!ec) (void)provider.ParseReply(body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Providers p;
  std::string_view text = fuzz::Text(data, size);
  const uint8_t selector = fuzz::TakeByte(text);
  const size_t chunk = 1 + (selector >> 2);  // 1–64 bytes per piece
  switch (selector & 3) {
    case 0: Stream(p.openai, text, chunk); Whole(p.openai, text); break;
    case 1: Stream(p.anthropic, text, chunk); Whole(p.anthropic, text); break;
    case 2: Stream(p.gemini, text, chunk); Whole(p.gemini, text); break;
    default: {
      llm::SseParser whole;  // all at once must equal piece by piece
      llm::SseParser bytewise;
      auto a = whole.Feed(text);
      std::vector<llm::SseEvent> b;
      for (char c : text) {
        for (auto& e : bytewise.Feed(std::string_view(&c, 1))) b.push_back(std::move(e));
      }
      if (a.size() != b.size()) __builtin_trap();
      for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].event != b[i].event || a[i].data != b[i].data) __builtin_trap();
      }
    }
  }
  return 0;
}
