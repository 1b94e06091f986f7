#include "api/radio_prompt.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace echotune::api {
namespace {

constexpr std::array<std::string_view, 8> kKeys = {"artist", "tag", "energy", "valence", "tempo", "year", "stats", "liked"};
constexpr const char* kTerm = "a term: artist:(…), tag:(…), energy:, valence:, tempo:, year:, stats:me or liked:me";

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  core::Result<RadioPrompt> Parse() {
    SkipSpace();
    if (AtEnd()) return Expected(kTerm);
    bool any_term = false;
    while (!AtEnd() && !error_) {
      if (Peek("::")) {
        Mode();
      } else {
        Term();
        any_term = true;
      }
      if (!error_ && !AtEnd() && !IsSpace(text_[pos_]) && !Peek("::")) Fail("white space before the next term");
      SkipSpace();
    }
    if (!error_ && !any_term) {
      pos_ = 0;
      Fail(kTerm);
    }
    if (error_) return *error_;
    return prompt_;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  bool Peek(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }
  void SkipSpace() {
    while (!AtEnd() && IsSpace(text_[pos_])) ++pos_;
  }
  bool Eat(char c) {
    if (AtEnd() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  std::string Word() {
    size_t start = pos_;
    while (!AtEnd() && std::isalpha(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    return Lower(text_.substr(start, pos_ - start));
  }
  void Fail(std::string expected) {
    if (error_) return;
    core::Error e = core::Error::Validation(
        "prompt", "prompt: expected " + expected + " at position " + std::to_string(pos_));
    e.details["position"] = static_cast<int64_t>(pos_);
    e.details["expected"] = expected;
    error_ = std::move(e);
  }
  core::Error Expected(std::string expected) {
    Fail(std::move(expected));
    return *error_;
  }

  void Mode() {
    if (mode_seen_) return Fail("one mode only");
    pos_ += 2;
    size_t at = pos_;
    std::string w = Word();
    if (w == "easy") prompt_.mode = RadioMode::kEasy;
    else if (w == "medium") prompt_.mode = RadioMode::kMedium;
    else if (w == "hard") prompt_.mode = RadioMode::kHard;
    else {
      pos_ = at;
      return Fail("a mode: easy, medium or hard");
    }
    mode_seen_ = true;
  }

  void Term() {
    size_t start = pos_;
    std::string key = Word();
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      pos_ = start;
      return Fail(kTerm);
    }
    if (!Eat(':')) return Fail("':' after " + key);
    if (key == "artist" || key == "tag") return Source(key);
    if (key == "energy") prompt_.energy = LevelValue();
    else if (key == "valence") prompt_.valence = LevelValue();
    else if (key == "tempo") prompt_.tempo = Range(30, 300, false);
    else if (key == "year") prompt_.year = Range(1900, 2100, true);
    else Me(key == "stats" ? RadioSource::Kind::kStats : RadioSource::Kind::kLiked);
  }

  void Source(const std::string& key) {
    RadioSource s;
    s.kind = key == "artist" ? RadioSource::Kind::kArtist : RadioSource::Kind::kTag;
    if (!Eat('(')) return Fail("'(' after " + key + ":");
    Names(s, key == "tag");
    if (error_) return;
    if (!AtEnd() && text_[pos_] == ':' && !Peek("::")) {
      ++pos_;
      s.weight = Int(1, 10, "a weight from 1 to 10");
    }
    if (!error_) prompt_.sources.push_back(std::move(s));
  }

  // Names up to ')': one artist, or tags separated by ',' (any) or '&' (all).
  void Names(RadioSource& s, bool tags) {
    char separator = 0;
    for (;;) {
      size_t start = pos_;
      while (!AtEnd() && text_[pos_] != ')' && text_[pos_] != ',' && text_[pos_] != '&') ++pos_;
      std::string_view name = Trim(text_.substr(start, pos_ - start));
      if (name.empty()) return Fail(tags ? "a tag name" : "an artist name");
      s.names.emplace_back(name);
      if (AtEnd()) return Fail("')'");
      char c = text_[pos_];
      if (c == ')') break;
      if (!tags) return Fail("')' (one artist per term)");
      if (separator && c != separator) return Fail(std::string("'") + separator + "' (do not mix ',' and '&')");
      separator = c;
      ++pos_;
    }
    ++pos_;  // ')'
    s.all_tags = separator == '&';
  }

  std::optional<api::Level> LevelValue() {
    size_t at = pos_;
    std::string w = Word();
    if (w == "low") return api::Level::kLow;
    if (w == "mid") return api::Level::kMid;
    if (w == "high") return api::Level::kHigh;
    pos_ = at;
    Fail("low, mid or high");
    return std::nullopt;
  }

  int Int(int min, int max, const std::string& what) {
    int value = 0;
    auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), value);
    if (ec != std::errc() || value < min || value > max) {
      Fail(what);
      return 0;
    }
    pos_ = static_cast<size_t>(end - text_.data());
    return value;
  }

  std::optional<IntRange> Range(int min, int max, bool single_allowed) {
    std::string what = "a number from " + std::to_string(min) + " to " + std::to_string(max);
    IntRange r;
    r.min = r.max = Int(min, max, what);
    if (error_) return std::nullopt;
    if (Eat('-')) {
      size_t at = pos_;
      r.max = Int(min, max, what);
      if (!error_ && r.max < r.min) {
        pos_ = at;
        Fail("an upper bound >= " + std::to_string(r.min));
      }
    } else if (!single_allowed) {
      Fail("'-' and an upper bound (e.g. 90-110)");
    }
    if (error_) return std::nullopt;
    return r;
  }

  void Me(RadioSource::Kind kind) {
    size_t at = pos_;
    if (Word() != "me") {
      pos_ = at;
      return Fail("me");
    }
    prompt_.sources.push_back(RadioSource{kind, {}, false, 1});
  }

  std::string_view text_;
  size_t pos_ = 0;
  bool mode_seen_ = false;
  RadioPrompt prompt_;
  std::optional<core::Error> error_;
};

}  // namespace

bool IsRadioPrompt(std::string_view prompt) {
  if (prompt.find("::") != std::string_view::npos) return true;
  for (size_t i = 0; i < prompt.size(); ++i) {
    if (i > 0 && !IsSpace(prompt[i - 1])) continue;
    for (auto key : kKeys) {
      if (Lower(prompt.substr(i, key.size() + 1)) == std::string(key) + ":") return true;
    }
  }
  return false;
}

core::Result<RadioPrompt> ParseRadioPrompt(std::string_view prompt) { return Parser(prompt).Parse(); }

IntRange LevelPercent(Level level) {
  switch (level) {
    case Level::kLow: return {0, 40};
    case Level::kMid: return {40, 70};
    case Level::kHigh: return {70, 100};
  }
  return {0, 100};
}

}  // namespace echotune::api
