// Pure computations of the analytics endpoints: periods, limits, listening
// sessions, percentages, weekday buckets and genre counts. No I/O; thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace echotune::api {

// "7d", "30d", "90d" or "all".
struct Period {
  std::string name;
  std::optional<int> days;  // nullopt = all time
};

// Absent → 30d; anything but the four names → VALIDATION_ERROR field "period".
core::Result<Period> ParsePeriod(std::optional<std::string_view> text);
// Start of the period ending at `now`; the epoch for "all".
core::TimePoint PeriodStart(const Period& period, core::TimePoint now);

// An integer query parameter in [min, max]; absent → fallback; else
// VALIDATION_ERROR naming `field`.
core::Result<int> ParseLimit(std::optional<std::string_view> text, std::string_view field, int min,
                             int max, int fallback);

// 100 * part / whole rounded to two decimals; 0 when whole is 0.
double Percentage(int64_t part, int64_t whole);

struct Play {
  core::TimePoint played_at{};
  int64_t duration_ms = 0;
};

inline constexpr std::chrono::minutes kSessionIdleGap{30};

struct SessionSummary {
  int64_t plays = 0;
  int64_t total_ms = 0;             // sum of durations
  int64_t sessions = 0;
  int64_t average_session_ms = 0;  // mean of session lengths (integer ms)
};

// Groups plays into sessions: a play whose start is more than `gap` after the
// end (playedAt + durationMs) of everything before it starts a new session. A
// session lasts from its first start to its last end.
// REQUIRES: plays sorted by played_at, oldest first.
SessionSummary SummariseSessions(const std::vector<Play>& plays,
                                 std::chrono::milliseconds gap = kSessionIdleGap);

// 0 = Monday … 6 = Sunday, in UTC.
int WeekdayIndex(core::TimePoint t);
extern const std::array<std::string_view, 7> kWeekdayNames;

struct EnergyBucket {
  double energy_sum = 0;
  int64_t plays = 0;
  std::optional<double> Average() const;
};

// Adds one play with a known energy to its weekday's bucket.
void AddEnergy(std::array<EnergyBucket, 7>& buckets, core::TimePoint played_at, double energy);

struct GenrePlays {
  std::string genre;
  int64_t plays = 0;
};

// Plays per genre: every play of a track counts for each of its genres. Most
// played first, ties by name; at most `limit`.
std::vector<GenrePlays> CountGenres(const std::map<std::string, int64_t>& plays_by_track,
                                    const std::map<std::string, std::vector<std::string>>& genres,
                                    size_t limit);

}  // namespace echotune::api
