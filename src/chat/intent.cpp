#include "chat/intent.h"

#include <algorithm>
#include <cctype>

namespace echotune::chat {

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  std::replace(out.begin(), out.end(), '\'', ' ');
  return out;
}

bool Has(const std::string& s, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return s.find(n) != std::string::npos; });
}

bool AsksForPlaylist(const std::string& s) {
  return Has(s, {"playlist", "mix for", "mixtape"}) && Has(s, {"make", "create", "build", "generate", "put together"});
}

bool AsksAboutMyListening(const std::string& s) {
  return Has(s, {"have i been listening", "did i listen", "do i listen", "my top", "my most played",
                 "my listening", "my history", "my favourite", "my favorite", "my stats", "i listen to most",
                 "i listened to", "what do i like", "my taste", "my music taste"});
}

}  // namespace

ClassifiedMessage ClassifyIntent(std::string_view text) {
  ClassifiedMessage out;
  std::string s = Lower(text);
  Command c = ParseCommand(text);
  if (c.kind == CommandKind::kMakePlaylist || AsksForPlaylist(s)) {
    out.intent = Intent::kPlaylist;
    out.prompt = std::string(text);
    return out;
  }
  if (c.kind == CommandKind::kRecommend) {
    out.intent = Intent::kRecommend;
    out.command = std::move(c);
    return out;
  }
  if (c.kind != CommandKind::kNone) {
    out.intent = Intent::kControl;
    out.command = std::move(c);
    return out;
  }
  if (AsksAboutMyListening(s)) {
    out.intent = Intent::kQuestion;
  } else if (Has(s, {"recommend", "suggest"})) {
    out.intent = Intent::kRecommend;
    out.command = Command{CommandKind::kRecommend, s};
  }
  return out;
}

std::string_view IntentName(Intent intent) {
  switch (intent) {
    case Intent::kControl: return "control";
    case Intent::kRecommend: return "recommend";
    case Intent::kPlaylist: return "playlist";
    case Intent::kQuestion: return "question";
    case Intent::kChat: return "chat";
  }
  return "chat";
}

}  // namespace echotune::chat
