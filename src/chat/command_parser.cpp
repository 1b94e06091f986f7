#include "chat/command_parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <initializer_list>
#include <vector>

namespace echotune::chat {
namespace {

using Words = std::initializer_list<std::string_view>;

constexpr std::array<std::string_view, 40> kMoodWords = {
    "calm",     "chill",      "chilled",  "relaxing", "relaxed",   "mellow",    "peaceful", "soothing",
    "happy",    "sad",        "melancholy", "melancholic", "energetic", "upbeat", "uplifting", "angry",
    "romantic", "dreamy",     "dark",     "cheerful", "intense",   "focus",     "focused",  "study",
    "studying", "workout",    "running",  "gym",      "party",     "sleep",     "sleepy",   "sleeping",
    "dance",    "dancing",    "driving",  "cooking",  "meditation", "morning", "night",     "rainy"};

// Lower case, URIs kept verbatim, punctuation to spaces, single spaces.
std::string Normalise(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text.substr(i, 8) == "spotify:") {  // keep a URI (case matters in ids)
      size_t end = i;
      while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
      out += std::string(text.substr(i, end - i));
      i = end;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(text[i++]);
    if (std::isalnum(c) || c == '%' || c >= 0x80) {
      out.push_back(static_cast<char>(std::tolower(c)));
    } else if (c == '\'') {
      // "what's" → "whats", "don't" → "dont"
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix &&
         (s.size() == prefix.size() || s[prefix.size()] == ' ' || prefix.back() == ' ');
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix &&
         (s.size() == suffix.size() || s[s.size() - suffix.size() - 1] == ' ');
}

bool Contains(std::string_view s, std::string_view word) {
  size_t pos = 0;
  while ((pos = s.find(word, pos)) != std::string_view::npos) {
    bool left = pos == 0 || s[pos - 1] == ' ';
    bool right = pos + word.size() == s.size() || s[pos + word.size()] == ' ';
    if (left && right) return true;
    ++pos;
  }
  return false;
}

bool AnyOf(std::string_view s, Words words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return s == w; });
}

bool ContainsAny(std::string_view s, Words words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return Contains(s, w); });
}

// Drops the first matching prefix (whole words); true when one matched.
bool Strip(std::string& s, Words prefixes) {
  for (std::string_view p : prefixes) {
    if (StartsWith(s, p)) {
      s.erase(0, std::min(s.size(), p.size() + 1));
      return true;
    }
  }
  return false;
}

bool StripSuffix(std::string& s, Words suffixes) {
  for (std::string_view p : suffixes) {
    if (EndsWith(s, p)) {
      s.erase(s.size() >= p.size() + 1 ? s.size() - p.size() - 1 : 0);
      return true;
    }
  }
  return false;
}

// "hey echotune can you please …" → "…"
std::string Unwrap(std::string s) {
  while (Strip(s, {"hey", "hi", "ok", "okay", "echotune", "spotify", "please", "pls", "can you",
                   "could you", "would you", "will you", "can u", "i want you to", "i need you to",
                   "just", "go ahead and"})) {
  }
  while (StripSuffix(s, {"please", "pls", "for me", "now", "right now", "thanks", "thank you"})) {
  }
  return s;
}

std::optional<int> Number(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) continue;
    int n = 0;
    auto [end, ec] = std::from_chars(s.data() + i, s.data() + s.size(), n);
    if (ec == std::errc()) return std::clamp(n, 0, 100);
    (void)end;
  }
  return std::nullopt;
}

Command Make(CommandKind kind) {
  Command c;
  c.kind = kind;
  return c;
}

Command WithQuery(CommandKind kind, std::string query) {
  Command c = Make(kind);
  if (query.rfind("spotify:", 0) == 0) {
    c.uri = query;
  } else {
    c.query = std::move(query);
  }
  return c;
}

std::optional<Command> Volume(const std::string& s) {
  bool mentions = Contains(s, "volume") || Contains(s, "sound");
  if (AnyOf(s, {"mute", "mute it", "mute the music", "silence"})) {
    Command c = Make(CommandKind::kVolume);
    return c;
  }
  if (ContainsAny(s, {"max volume", "full volume", "maximum volume"})) {
    Command c = Make(CommandKind::kVolume);
    c.volume = 100;
    return c;
  }
  auto n = Number(s);
  if (mentions && n) {
    Command c = Make(CommandKind::kVolume);
    c.volume = *n;
    return c;
  }
  bool up = ContainsAny(s, {"louder", "turn it up", "turn up", "volume up", "raise the volume", "crank it up",
                            "pump it up", "increase the volume", "up the volume"});
  bool down = ContainsAny(s, {"quieter", "softer", "turn it down", "turn down", "volume down", "lower the volume",
                              "decrease the volume", "too loud"});
  if (up == down) return std::nullopt;
  Command c = Make(CommandKind::kVolume);
  c.volume = 10;
  c.volume_change = up ? VolumeChange::kUp : VolumeChange::kDown;
  return c;
}

std::optional<Command> Shuffle(const std::string& s) {
  if (!Contains(s, "shuffle") && !Contains(s, "shuffling")) return std::nullopt;
  Command c = Make(CommandKind::kShuffle);
  c.state = !ContainsAny(s, {"off", "stop", "disable", "no", "dont", "turn off", "without"});
  return c;
}

std::optional<Command> Repeat(const std::string& s) {
  if (!Contains(s, "repeat") && !Contains(s, "repeating") && !Contains(s, "loop")) return std::nullopt;
  Command c = Make(CommandKind::kRepeat);
  if (ContainsAny(s, {"off", "stop", "disable", "dont", "no more"})) {
    c.repeat = "off";
  } else if (ContainsAny(s, {"song", "track", "this one", "one", "it"})) {
    c.repeat = "track";
  } else {
    c.repeat = "context";
  }
  return c;
}

std::optional<Command> Device(std::string s) {
  if (ContainsAny(s, {"devices", "device list", "speakers"}) &&
      ContainsAny(s, {"list", "show", "what", "which", "my", "available", "devices"}) &&
      !StartsWith(s, "switch") && !StartsWith(s, "transfer")) {
    return Make(CommandKind::kDevices);
  }
  if (Strip(s, {"switch playback to", "switch to", "switch over to", "transfer playback to",
                "transfer to", "move playback to", "move the music to", "move music to",
                "play on", "continue on", "change device to", "use device", "use the"})) {
    Strip(s, {"the", "my"});
    if (!s.empty()) return WithQuery(CommandKind::kTransfer, s);
  }
  return std::nullopt;
}

std::optional<Command> Queue(std::string s) {
  if (Strip(s, {"queue up", "queue", "enqueue"})) {
    StripSuffix(s, {"next", "to the queue", "to queue"});
    if (!s.empty()) return WithQuery(CommandKind::kQueue, s);
    return std::nullopt;
  }
  if (Strip(s, {"add"}) && (StripSuffix(s, {"to the queue", "to queue", "to my queue", "to the up next"}))) {
    if (!s.empty()) return WithQuery(CommandKind::kQueue, s);
  }
  return std::nullopt;
}

// After "play …": "something calm", "some jazz", "bohemian rhapsody".
Command Play(std::string s) {
  if (s.empty() || AnyOf(s, {"music", "it", "again", "the music"})) return Make(CommandKind::kResume);
  if (EndsWith(s, "next") && !AnyOf(s, {"next"})) {  // "play X next" = queue it
    StripSuffix(s, {"next"});
    return WithQuery(CommandKind::kQueue, s);
  }
  Strip(s, {"me"});
  bool vague = Strip(s, {"something", "some", "a bit of", "a little", "a few", "anything"});
  Strip(s, {"songs", "tracks", "music"});
  StripSuffix(s, {"music", "songs", "tracks", "vibes", "playlist", "please"});
  Strip(s, {"for", "to"});
  Command c = WithQuery(CommandKind::kPlay, s);
  if (vague || c.uri) {
    std::string first = s.substr(0, s.find(' '));
    if (IsMoodWord(first)) c.mood = first;
  } else if (IsMoodWord(s)) {
    c.mood = s;
  }
  if (!c.mood) {  // "play music for studying", "play workout music"
    for (std::string_view m : kMoodWords) {
      if (Contains(s, m) && ContainsAny(s, {"for", "music", "vibes", "mood"})) {
        c.mood = std::string(m);
        break;
      }
    }
  }
  if (c.query.empty() && !c.uri) return Make(CommandKind::kResume);
  return c;
}

}  // namespace

bool IsMoodWord(std::string_view word) {
  return std::find(kMoodWords.begin(), kMoodWords.end(), word) != kMoodWords.end();
}

Command ParseCommand(std::string_view text) {
  std::string s = Unwrap(Normalise(text));
  if (s.empty()) return Make(CommandKind::kNone);

  if (AnyOf(s, {"pause", "stop", "pause it", "stop it", "pause the music", "stop the music", "stop playing",
                "pause playback", "stop playback", "hold on", "pause the song", "stop the song", "shut up",
                "be quiet"})) {
    return Make(CommandKind::kPause);
  }
  if (AnyOf(s, {"resume", "continue", "unpause", "play", "keep playing", "resume playback", "resume the music",
                "continue playing", "start playing", "start the music", "go on", "carry on"})) {
    return Make(CommandKind::kResume);
  }
  if (AnyOf(s, {"skip", "next", "skip it", "skip this", "skip song", "skip this song", "skip track",
                "skip this track", "next song", "next track", "play the next song", "play next song",
                "play next track", "go to the next song", "skip ahead", "i dont like this song",
                "skip this one", "next one"})) {
    return Make(CommandKind::kNext);
  }
  if (AnyOf(s, {"previous", "back", "go back", "previous song", "previous track", "last song", "last track",
                "play the previous song", "play previous song", "play the last song", "play that again",
                "go to the previous song", "back one", "rewind"})) {
    return Make(CommandKind::kPrevious);
  }
  if (ContainsAny(s, {"whats playing", "what is playing", "what song is this", "whats this song",
                      "what is this song", "now playing", "which song is this", "what am i listening to",
                      "currently playing", "whats on"})) {
    return Make(CommandKind::kNowPlaying);
  }
  // A song title may say "turn down" or "loop": after "play"/"queue" it is a title.
  bool names_music = StartsWith(s, "play") || StartsWith(s, "queue") || StartsWith(s, "put on") ||
                     StartsWith(s, "listen to") || StartsWith(s, "add");
  if (!names_music) {
    if (auto c = Shuffle(s)) return *c;
    if (auto c = Repeat(s)) return *c;
    if (auto c = Volume(s)) return *c;
  }
  if (auto c = Device(s)) return *c;
  if (auto c = Queue(s)) return *c;

  std::string rest = s;
  if (Strip(rest, {"make a playlist", "make me a playlist", "create a playlist", "build a playlist",
                   "generate a playlist", "make playlist", "create playlist"})) {
    Strip(rest, {"of", "with", "for", "called", "named"});
    return WithQuery(CommandKind::kMakePlaylist, rest);
  }
  if (Strip(rest, {"recommend me", "recommend", "suggest me", "suggest", "what should i listen to",
                   "any recommendations", "give me recommendations"})) {
    Strip(rest, {"some", "something", "me"});
    return WithQuery(CommandKind::kRecommend, rest);
  }
  if (Strip(rest, {"play", "put on", "i want to hear", "i wanna hear", "lets hear", "let me hear",
                   "listen to", "i want to listen to", "i wanna listen to", "lets listen to",
                   "start playing", "spin", "blast"})) {
    return Play(rest);
  }
  return Make(CommandKind::kNone);
}

std::string_view ToString(CommandKind kind) {
  switch (kind) {
    case CommandKind::kNone: return "none";
    case CommandKind::kPlay: return "play";
    case CommandKind::kResume: return "resume";
    case CommandKind::kPause: return "pause";
    case CommandKind::kNext: return "next";
    case CommandKind::kPrevious: return "previous";
    case CommandKind::kVolume: return "volume";
    case CommandKind::kShuffle: return "shuffle";
    case CommandKind::kRepeat: return "repeat";
    case CommandKind::kQueue: return "queue";
    case CommandKind::kDevices: return "devices";
    case CommandKind::kTransfer: return "transfer";
    case CommandKind::kNowPlaying: return "now_playing";
    case CommandKind::kRecommend: return "recommend";
    case CommandKind::kMakePlaylist: return "make_playlist";
  }
  return "none";
}

}  // namespace echotune::chat
