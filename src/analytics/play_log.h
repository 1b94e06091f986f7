// PlayLog: one user's listens as the listening report reads them, compact and
// interned (a year of 100,000 listens is a few MB), plus the catalogue facts of
// their tracks. Built once per report; not thread-safe while being built,
// read-only afterwards.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "store/store.h"

namespace echotune::analytics {

struct LoggedPlay {
  int64_t at_ms = 0;  // playedAt, ms since the epoch
  int64_t duration_ms = 0;
  uint32_t track = 0;   // index into PlayLog::tracks()
  uint32_t artist = 0;  // index into PlayLog::artists() (the listen's artistName)
  bool skipped = false;  // skip_count > 0
};

struct LoggedTrack {
  std::string id;
  std::string name;
  std::string artist;
  // From track_metadata when the catalogue knows the track.
  std::vector<std::string> genres;
  std::optional<double> energy, valence;
};

class PlayLog {
 public:
  // REQUIRES: rows are added oldest first.
  void Add(const store::PlayRow& row);

  const std::vector<LoggedPlay>& plays() const { return plays_; }
  const std::vector<LoggedTrack>& tracks() const { return tracks_; }
  std::vector<LoggedTrack>& tracks() { return tracks_; }
  const std::vector<std::string>& artists() const { return artists_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Index = std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>>;
  static uint32_t Intern(Index& index, std::string_view key, size_t next);

  std::vector<LoggedPlay> plays_;
  std::vector<LoggedTrack> tracks_;
  std::vector<std::string> artists_;
  Index track_index_, artist_index_;
};

// Every listen of the user with playedAt < `end` (all-time figures need the
// history before the period) and the genres/energy/valence of their tracks.
// BLOCKING (store reads); NOT_FOUND for an unknown user, else the store's error.
core::Result<PlayLog> LoadPlayLog(store::Store& store, const core::ObjectId& user_id, core::TimePoint end);

}  // namespace echotune::analytics
