// ExportPlay: one music play read from a streaming-history file, before it becomes a
// listening_history document. Plain data; no store types.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace echotune::ingest {

struct ExportPlay {
  core::TimePoint ended_at;           // when playback stopped (what the exports record)
  long long ms_played = 0;
  std::string track_name;
  std::string artist_name;
  std::string album_name;             // empty in the basic format
  std::optional<std::string> track_id;  // from spotify_track_uri; nullopt in the basic format
  std::string platform;               // empty in the basic format
  std::optional<bool> skipped;        // the export's own flag (often null in endsong files)
  std::string reason_start;
  std::string reason_end;
  bool shuffle = false;

  core::TimePoint StartedAt() const { return ended_at - core::Millis(ms_played); }
};

// Skip reasons of streaming-history rows, as reported in the summary.
inline constexpr const char* kSkipPodcast = "podcast";
inline constexpr const char* kSkipAudiobook = "audiobook";
inline constexpr const char* kSkipVideo = "video";
inline constexpr const char* kSkipNoTrack = "no track information";

struct ParsedHistory {
  std::vector<ExportPlay> plays;          // music plays, in file order
  size_t rows = 0;                        // entries in the file
  std::map<std::string, size_t> skipped;  // reason -> entries
};

}  // namespace echotune::ingest
