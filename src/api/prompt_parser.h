// Rule-based parsing of a playlist prompt ("make me a 20-song upbeat workout
// playlist with some rock") into mood, activity, genres, target audio features
// and a track count. Pure, deterministic, thread-safe; no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/enums.h"

namespace echotune::api {

struct ParsedPrompt {
  std::optional<model::Mood> mood;
  std::optional<model::Activity> activity;
  std::vector<std::string> genres;          // canonical names ("rock", "hip-hop"), prompt order
  std::map<std::string, double> targets;    // audio feature targets, e.g. {"energy": 0.85}
  std::optional<int> track_count;           // "20-song", "20 tracks" (1–100 only)
  std::string engine_mood;                  // the recs mood to ask for ("workout"), "" = none
};

// Never fails: a sentence with nothing recognisable gives an empty result.
ParsedPrompt ParsePrompt(std::string_view prompt);

// "Upbeat Workout Rock Mix"-style title and a one-sentence description.
std::string PlaylistName(const ParsedPrompt& parsed);
std::string PlaylistDescription(const ParsedPrompt& parsed, std::string_view prompt);

}  // namespace echotune::api
