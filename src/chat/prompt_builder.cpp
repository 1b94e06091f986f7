#include "chat/prompt_builder.h"

namespace echotune::chat {

namespace {

constexpr size_t kSummaryTopics = 12;
constexpr size_t kTopicChars = 80;

std::string Join(const std::vector<std::string>& items, size_t n) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < n; ++i) {
    if (i) out += "; ";
    out += items[i];
  }
  return out;
}

void Line(std::string& out, const char* label, const std::vector<std::string>& items, size_t n = 10) {
  if (!items.empty()) out += std::string("- ") + label + ": " + Join(items, n) + "\n";
}

std::string Profile(const llm::MusicFacts& f) {
  std::string out;
  Line(out, "Top artists", f.top_artists);
  Line(out, "Top genres", f.top_genres);
  Line(out, "Recently played", f.recent_tracks);
  if (!f.now_playing.empty()) out += "- Now playing: " + f.now_playing + "\n";
  Line(out, "Current recommendations", f.recommended_tracks);
  return out.empty() ? "- (no listening data yet)\n" : out;
}

}  // namespace

std::string SummariseMessages(const std::vector<model::ChatMessage>& older) {
  std::vector<std::string> topics;
  for (const auto& m : older) {
    if (m.role != model::Role::kUser) continue;
    std::string t = m.content.substr(0, kTopicChars);
    if (t.size() < m.content.size()) t += "…";
    topics.push_back("\"" + t + "\"");
  }
  std::string out = "Earlier in this conversation (" + std::to_string(older.size()) + " messages) the user said: ";
  if (topics.size() > kSummaryTopics) {
    size_t skipped = topics.size() - kSummaryTopics;
    topics.erase(topics.begin(), topics.begin() + static_cast<long>(skipped));
    out += "(" + std::to_string(skipped) + " earlier requests) ";
  }
  return out + Join(topics, kSummaryTopics) + ".";
}

llm::LlmRequest BuildPrompt(const PromptInput& in) {
  llm::LlmRequest r;
  r.facts = in.facts;
  std::string& s = r.system;
  s = "You are EchoTune, a friendly music assistant. Answer in a few sentences, grounded in the "
      "listener's own music below; never invent actions you did not take.\n";
  if (!in.facts.user_name.empty()) s += "Listener: " + in.facts.user_name + "\n";
  s += "Listener profile:\n" + Profile(in.facts);
  if (!in.facts.action_summary.empty()) {
    s += std::string("Action just taken for this message (") + (in.facts.action_failed ? "failed" : "done") +
         "): " + in.facts.action_summary + "\n";
  }
  size_t first = in.history.size() > kContextMessages ? in.history.size() - kContextMessages : 0;
  if (first > 0) {
    std::vector<model::ChatMessage> older(in.history.begin(), in.history.begin() + static_cast<long>(first));
    s += SummariseMessages(older) + "\n";
  }
  for (size_t i = first; i < in.history.size(); ++i) {
    const auto& m = in.history[i];
    if (m.role == model::Role::kSystem) continue;
    r.messages.push_back({m.role == model::Role::kUser ? "user" : "assistant", m.content});
  }
  r.messages.push_back({"user", in.message});
  return r;
}

}  // namespace echotune::chat
