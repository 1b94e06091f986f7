#include "llm/mock_provider.h"

namespace echotune::llm {

namespace {

// "a", "a and b", "a, b and c" from the first `n` items.
std::string ListOf(const std::vector<std::string>& items, size_t n) {
  std::string out;
  n = std::min(n, items.size());
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += i + 1 == n ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string Greeting(const MusicFacts& f) {
  return f.user_name.empty() ? "" : f.user_name + ", ";
}

std::string TasteSentence(const MusicFacts& f) {
  if (!f.top_artists.empty()) return "You have been listening most to " + ListOf(f.top_artists, 3) + ". ";
  if (!f.top_genres.empty()) return "Your favourite genres are " + ListOf(f.top_genres, 3) + ". ";
  return "";
}

std::string Suggestion(const MusicFacts& f) {
  if (!f.recommended_tracks.empty()) {
    return "From your recommendations, try " + ListOf(f.recommended_tracks, 3) + ". ";
  }
  return "";
}

std::string ActionAnswer(const MusicFacts& f) {
  if (f.action_failed) {
    return "I could not do that: " + f.action_summary + ". " + Suggestion(f);
  }
  return "Done: " + f.action_summary + ". " + Suggestion(f);
}

std::string Answer(const LlmRequest& r) {
  const MusicFacts& f = r.facts;
  if (!f.action_summary.empty()) return ActionAnswer(f);
  if (f.intent == "question") {
    std::string s = TasteSentence(f);
    if (!f.recent_tracks.empty()) s += "Lately you played " + ListOf(f.recent_tracks, 3) + ". ";
    if (s.empty()) s = "I do not have any listening history for you yet: import your Spotify data or connect Spotify. ";
    return s;
  }
  std::string s = Greeting(f) + TasteSentence(f) + Suggestion(f);
  if (!f.now_playing.empty()) s += "Right now you are playing " + f.now_playing + ". ";
  return s + "Ask me to play something, recommend music like an artist you love, or make a playlist.";
}

}  // namespace

std::string MockAnswer(const LlmRequest& request) {
  std::string s = Answer(request);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

boost::asio::awaitable<core::Result<LlmReply>> MockProvider::Complete(const LlmRequest& request,
                                                                      const StreamSink* stream) {
  LlmReply reply{MockAnswer(request), default_model(), 0};
  reply.tokens_used = static_cast<int64_t>(reply.text.size() / 4 + 1);
  if (stream) {
    size_t start = 0;
    while (start < reply.text.size()) {
      size_t end = reply.text.find(' ', start + 1);
      if (end == std::string::npos) end = reply.text.size();
      if (!stream->delta(std::string_view(reply.text).substr(start, end - start))) {
        co_return ProviderError(id_, "cancelled", "call cancelled");
      }
      start = end;
    }
  }
  co_return reply;
}

}  // namespace echotune::llm
