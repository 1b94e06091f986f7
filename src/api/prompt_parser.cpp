#include "api/prompt_parser.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

namespace echotune::api {
namespace {

using model::Activity;
using model::Mood;

// Word -> mood (first match in the prompt wins).
const std::vector<std::pair<std::string_view, Mood>>& MoodWords() {
  static const std::vector<std::pair<std::string_view, Mood>> k = {
      {"upbeat", Mood::kHappy},       {"happy", Mood::kHappy},         {"cheerful", Mood::kHappy},
      {"joyful", Mood::kHappy},       {"energetic", Mood::kEnergetic}, {"energy", Mood::kEnergetic},
      {"hype", Mood::kEnergetic},     {"pumped", Mood::kEnergetic},    {"intense", Mood::kEnergetic},
      {"chill", Mood::kChill},        {"chilled", Mood::kChill},       {"mellow", Mood::kChill},
      {"laid-back", Mood::kChill},    {"sad", Mood::kSad},             {"heartbroken", Mood::kSad},
      {"crying", Mood::kSad},         {"melancholy", Mood::kMelancholy}, {"melancholic", Mood::kMelancholy},
      {"calm", Mood::kCalm},          {"peaceful", Mood::kCalm},       {"soothing", Mood::kCalm},
      {"focused", Mood::kFocus},      {"concentration", Mood::kFocus}, {"romantic", Mood::kRomantic},
      {"love", Mood::kRomantic},      {"angry", Mood::kAngry},         {"aggressive", Mood::kAngry},
      {"rage", Mood::kAngry},         {"uplifting", Mood::kUplifting}, {"inspiring", Mood::kUplifting},
      {"dark", Mood::kDark},          {"moody", Mood::kDark},          {"sleepy", Mood::kSleep}};
  return k;
}

const std::vector<std::pair<std::string_view, Activity>>& ActivityWords() {
  static const std::vector<std::pair<std::string_view, Activity>> k = {
      {"workout", Activity::kWorkout}, {"gym", Activity::kWorkout},      {"exercise", Activity::kWorkout},
      {"training", Activity::kWorkout}, {"lifting", Activity::kWorkout}, {"study", Activity::kStudy},
      {"studying", Activity::kStudy},  {"homework", Activity::kStudy},   {"exam", Activity::kStudy},
      {"party", Activity::kParty},     {"partying", Activity::kParty},   {"dancing", Activity::kParty},
      {"sleep", Activity::kSleep},     {"sleeping", Activity::kSleep},   {"bedtime", Activity::kSleep},
      {"focus", Activity::kFocus},     {"running", Activity::kRunning},  {"run", Activity::kRunning},
      {"jogging", Activity::kRunning}, {"relax", Activity::kRelax},      {"relaxing", Activity::kRelax},
      {"commute", Activity::kCommute}, {"commuting", Activity::kCommute}, {"driving", Activity::kDriving},
      {"drive", Activity::kDriving},   {"roadtrip", Activity::kDriving}, {"cooking", Activity::kCooking},
      {"work", Activity::kWork},       {"working", Activity::kWork},     {"meditation", Activity::kMeditation},
      {"meditate", Activity::kMeditation}, {"yoga", Activity::kMeditation}, {"dinner", Activity::kDinner}};
  return k;
}

// Word (or joined pair) -> canonical genre.
const std::vector<std::pair<std::string_view, std::string_view>>& GenreWords() {
  static const std::vector<std::pair<std::string_view, std::string_view>> k = {
      {"rock", "rock"},     {"pop", "pop"},         {"hiphop", "hip-hop"},   {"hip-hop", "hip-hop"},
      {"rap", "rap"},       {"jazz", "jazz"},       {"classical", "classical"}, {"edm", "edm"},
      {"electronic", "electronic"}, {"rnb", "r&b"}, {"r&b", "r&b"},          {"latin", "latin"},
      {"country", "country"}, {"metal", "metal"},   {"indie", "indie"},      {"folk", "folk"},
      {"blues", "blues"},   {"reggae", "reggae"},   {"punk", "punk"},        {"soul", "soul"},
      {"funk", "funk"},     {"house", "house"},     {"techno", "techno"},    {"disco", "disco"},
      {"lofi", "lo-fi"},    {"lo-fi", "lo-fi"},     {"ambient", "ambient"},  {"kpop", "k-pop"},
      {"k-pop", "k-pop"},   {"acoustic", "acoustic"}, {"trap", "trap"},      {"dubstep", "dubstep"}};
  return k;
}

// Target features per mood / activity (0–1 features only).
std::map<std::string, double> MoodTargets(Mood m) {
  switch (m) {
    case Mood::kEnergetic: return {{"energy", 0.85}, {"valence", 0.65}};
    case Mood::kChill: return {{"energy", 0.3}, {"acousticness", 0.55}};
    case Mood::kHappy: case Mood::kUplifting: return {{"valence", 0.85}, {"energy", 0.7}};
    case Mood::kSad: case Mood::kMelancholy: return {{"valence", 0.2}, {"energy", 0.3}};
    case Mood::kCalm: case Mood::kSleep: return {{"energy", 0.15}, {"acousticness", 0.75}};
    case Mood::kFocus: return {{"instrumentalness", 0.75}, {"energy", 0.4}};
    case Mood::kRomantic: return {{"valence", 0.6}, {"energy", 0.4}};
    case Mood::kAngry: return {{"energy", 0.9}, {"valence", 0.25}};
    case Mood::kDark: return {{"valence", 0.15}, {"energy", 0.5}};
  }
  return {};
}

std::map<std::string, double> ActivityTargets(Activity a) {
  switch (a) {
    case Activity::kWorkout: case Activity::kRunning: return {{"energy", 0.9}, {"danceability", 0.7}};
    case Activity::kParty: return {{"danceability", 0.85}, {"energy", 0.8}, {"valence", 0.75}};
    case Activity::kStudy: case Activity::kFocus: case Activity::kWork:
      return {{"instrumentalness", 0.7}, {"energy", 0.3}, {"speechiness", 0.04}};
    case Activity::kSleep: case Activity::kMeditation: return {{"energy", 0.1}, {"acousticness", 0.8}};
    case Activity::kRelax: case Activity::kDinner: case Activity::kCooking:
      return {{"energy", 0.35}, {"acousticness", 0.5}};
    case Activity::kCommute: case Activity::kDriving: return {{"energy", 0.65}, {"valence", 0.6}};
  }
  return {};
}

// The recs mood table names (recs/moods.cpp) closest to a mood / activity.
std::string_view EngineMood(const ParsedPrompt& p) {
  if (p.activity) {
    switch (*p.activity) {
      case Activity::kWorkout: case Activity::kRunning: return "workout";
      case Activity::kStudy: return "study";
      case Activity::kParty: return "party";
      case Activity::kSleep: case Activity::kMeditation: return "sleep";
      case Activity::kFocus: case Activity::kWork: return "focus";
      default: break;
    }
  }
  if (!p.mood) return p.activity ? "chill" : "";
  switch (*p.mood) {
    case Mood::kEnergetic: case Mood::kAngry: return "energetic";
    case Mood::kHappy: case Mood::kUplifting: return "happy";
    case Mood::kSad: case Mood::kMelancholy: case Mood::kDark: return "melancholy";
    case Mood::kFocus: return "focus";
    case Mood::kRomantic: return "romantic";
    case Mood::kSleep: return "sleep";
    default: return "chill";
  }
}

std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || ch == '-' || ch == '&') cur.push_back(static_cast<char>(std::tolower(c)));
    else flush();
  }
  flush();
  return out;
}

std::optional<int> LeadingNumber(std::string_view token) {
  int n = 0;
  auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), n);
  if (ec != std::errc() || ptr == token.data()) return std::nullopt;
  return n;
}

bool IsCountNoun(std::string_view w) {
  for (std::string_view n : {"song", "songs", "track", "tracks", "tune", "tunes"}) {
    if (w == n) return true;
  }
  return false;
}

// "20-song", "20 songs", "20 upbeat tracks" (the noun within the next 3 words).
std::optional<int> TrackCount(const std::vector<std::string>& t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto n = LeadingNumber(t[i]);
    if (!n || *n < 1 || *n > 100) continue;
    auto dash = t[i].find('-');
    if (dash != std::string::npos && IsCountNoun(std::string_view(t[i]).substr(dash + 1))) return n;
    for (std::size_t j = i + 1; j < t.size() && j <= i + 3; ++j) {
      if (IsCountNoun(t[j])) return n;
    }
  }
  return std::nullopt;
}

template <typename V>
std::optional<V> FirstMatch(const std::vector<std::string>& tokens,
                            const std::vector<std::pair<std::string_view, V>>& table) {
  for (const auto& tok : tokens) {
    for (const auto& [word, value] : table) {
      if (tok == word) return value;
    }
  }
  return std::nullopt;
}

void AddGenres(const std::vector<std::string>& t, ParsedPrompt& p) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::string tok = t[i];
    if (i + 1 < t.size() && ((tok == "hip" && t[i + 1] == "hop") || (tok == "lo" && t[i + 1] == "fi") ||
                             (tok == "k" && t[i + 1] == "pop"))) {
      tok += t[++i];
    }
    for (const auto& [word, genre] : GenreWords()) {
      if (tok == word && std::find(p.genres.begin(), p.genres.end(), genre) == p.genres.end()) {
        p.genres.emplace_back(genre);
      }
    }
  }
}

std::string Capitalised(std::string_view s) {
  std::string out(s);
  bool start = true;
  for (char& c : out) {
    if (start) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    start = c == ' ' || c == '-';
  }
  return out;
}

}  // namespace

ParsedPrompt ParsePrompt(std::string_view prompt) {
  auto tokens = Tokens(prompt);
  ParsedPrompt p;
  p.mood = FirstMatch(tokens, MoodWords());
  p.activity = FirstMatch(tokens, ActivityWords());
  AddGenres(tokens, p);
  p.track_count = TrackCount(tokens);
  if (p.activity) p.targets = ActivityTargets(*p.activity);
  if (p.mood) {
    for (auto& [k, v] : MoodTargets(*p.mood)) p.targets[k] = v;  // the mood word refines
  }
  p.engine_mood = std::string(EngineMood(p));
  return p;
}

std::string PlaylistName(const ParsedPrompt& p) {
  std::string name;
  auto add = [&name](std::string_view part) {
    if (!name.empty()) name += ' ';
    name += Capitalised(part);
  };
  if (p.mood) add(model::ToString(*p.mood));
  if (p.activity) add(model::ToString(*p.activity));
  for (std::size_t i = 0; i < p.genres.size() && i < 2; ++i) add(p.genres[i]);
  return name.empty() ? "Discovery Mix" : name + " Mix";
}

std::string PlaylistDescription(const ParsedPrompt& p, std::string_view prompt) {
  std::string d = "Generated by EchoTune from \"" + std::string(prompt) + "\"";
  if (!p.engine_mood.empty()) d += " (mood: " + p.engine_mood + ")";
  return d + ".";
}

}  // namespace echotune::api
