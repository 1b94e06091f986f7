// ListeningReport: the week/month/year report of issue 16, the way Last.fm and
// ListenBrainz users know them, computed from a PlayLog. Pure; thread-safe.
//
// Definitions (docs/reports.md):
//  - a play is one listening_history row; minutes are durationMs / 60,000;
//  - top lists: most plays first, ties by name; each with the plays of the
//    previous period of the same length;
//  - a genre counts every play of a track with that genre (track_metadata);
//  - a new discovery is an artist whose first play ever falls in the period;
//  - the clock is plays by weekday (Monday = 0) × hour, UTC;
//  - the longest streak is the longest run of consecutive UTC days with plays;
//  - a skipped play has skip_count > 0;
//  - energy/valence averages are over plays of tracks with a known value, for
//    the period and for all plays up to the period's end.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analytics/play_log.h"
#include "analytics/report_period.h"

namespace echotune::analytics {

struct Totals {
  int64_t plays = 0;
  int64_t total_ms = 0;
  int64_t skips = 0;
  int64_t distinct_tracks = 0;
  int64_t distinct_artists = 0;
};

struct RankedItem {
  std::string id;      // trackId for tracks; the name otherwise
  std::string name;    // artist, track name or genre
  std::string artist;  // tracks only
  int64_t plays = 0;
  int64_t previous_plays = 0;
};

struct Discovery {
  std::string artist;
  int64_t plays = 0;
  core::TimePoint first_played{};
};

struct SkippedTrack {
  std::string track_id, name, artist;
  int64_t skips = 0;
  int64_t plays = 0;
};

struct Streak {
  int64_t days = 0;
  core::TimePoint first_day{}, last_day{};  // 00:00 UTC of each
};

struct FeatureAverage {
  std::optional<double> period, all_time;
};

using ListeningClock = std::array<std::array<int64_t, 24>, 7>;

struct ListeningReport {
  ReportPeriod period;
  Totals current, previous;
  std::vector<RankedItem> top_artists, top_tracks, top_genres;
  int64_t new_artist_count = 0;
  std::vector<Discovery> new_artists;  // most played first
  ListeningClock clock{};
  Streak longest_streak;
  std::vector<SkippedTrack> most_skipped;
  FeatureAverage energy, valence;
};

// REQUIRES: `log` holds the user's plays up to at least period.end.
ListeningReport BuildListeningReport(const PlayLog& log, const ReportPeriod& period, size_t top_n = 10);

}  // namespace echotune::analytics
