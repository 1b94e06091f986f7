// The prompt radio language of POST /api/playlists/generate (issue 16,
// docs/prompts.md), in the spirit of ListenBrainz's LB Radio:
//
//   artist:(Radiohead)        the artist and similar artists      (weight :1–10, e.g. artist:(Björk):2)
//   tag:(indie, chill)        catalogue genres, any of them (OR)   tag:(indie & chill): all of them (AND)
//   energy:low|mid|high       valence:low|mid|high
//   tempo:90-110              BPM range          year:1990-1999 or year:1997
//   stats:me                  my top artists     liked:me  my liked tracks as seeds
//   ::easy|::medium|::hard    familiar → deep cuts (popularity and distance from my history)
//
// Terms are separated by white space. Pure, deterministic, thread-safe; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace echotune::api {

enum class Level { kLow, kMid, kHigh };
enum class RadioMode { kEasy, kMedium, kHard };

struct RadioSource {  // a term that brings tracks: artist, tag, stats:me, liked:me
  enum class Kind { kArtist, kTag, kStats, kLiked } kind = Kind::kArtist;
  std::vector<std::string> names;  // the artist, or the tags
  bool all_tags = false;           // tag:(a & b)
  int weight = 1;                  // 1–10
};

struct IntRange {
  int min = 0, max = 0;  // inclusive
};

struct RadioPrompt {
  std::vector<RadioSource> sources;
  std::optional<Level> energy, valence;
  std::optional<IntRange> tempo, year;
  RadioMode mode = RadioMode::kMedium;
};

// True when `prompt` uses the language: it has a term key ("artist:", "tag:",
// "energy:", …) at the start of a word, or a "::mode". Anything else is a free
// sentence for the rule-based parser.
bool IsRadioPrompt(std::string_view prompt);

// VALIDATION_ERROR, field "prompt", details {position (0-based byte offset),
// expected}, message "prompt: expected <expected> at position <n>".
core::Result<RadioPrompt> ParseRadioPrompt(std::string_view prompt);

// The energy/valence band of a level: low [0, 0.4), mid [0.4, 0.7), high [0.7, 1].
IntRange LevelPercent(Level level);

}  // namespace echotune::api
