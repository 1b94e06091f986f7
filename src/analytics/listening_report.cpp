#include "analytics/listening_report.h"

#include <algorithm>
#include <functional>
#include <map>
#include <span>
#include <tuple>

#include "core/time_format.h"

namespace echotune::analytics {
namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kHourMs = 3'600'000;

using Plays = std::span<const LoggedPlay>;

// The plays with from <= at_ms < to (the log is oldest first).
Plays Window(const PlayLog& log, core::TimePoint from, core::TimePoint to) {
  const auto& all = log.plays();
  auto at = [](const LoggedPlay& p, int64_t t) { return p.at_ms < t; };
  auto first = std::lower_bound(all.begin(), all.end(), core::ToUnixMillis(from), at);
  auto last = std::lower_bound(first, all.end(), core::ToUnixMillis(to), at);
  return Plays(first, last);
}

struct Counts {
  std::vector<int64_t> tracks, artists, skips;  // by track / artist index
  std::map<std::string, int64_t> genres;
};

Counts Count(const PlayLog& log, Plays plays) {
  Counts c{std::vector<int64_t>(log.tracks().size()), std::vector<int64_t>(log.artists().size()),
           std::vector<int64_t>(log.tracks().size()), {}};
  for (const auto& p : plays) {
    ++c.tracks[p.track];
    ++c.artists[p.artist];
    if (p.skipped) ++c.skips[p.track];
  }
  for (size_t t = 0; t < c.tracks.size(); ++t) {
    if (c.tracks[t] == 0) continue;
    for (const auto& g : log.tracks()[t].genres) c.genres[g] += c.tracks[t];
  }
  return c;
}

int64_t NonZero(const std::vector<int64_t>& v) {
  return std::count_if(v.begin(), v.end(), [](int64_t n) { return n > 0; });
}

Totals TotalsOf(Plays plays, const Counts& c) {
  Totals t;
  t.plays = static_cast<int64_t>(plays.size());
  for (const auto& p : plays) {
    t.total_ms += p.duration_ms;
    t.skips += p.skipped ? 1 : 0;
  }
  t.distinct_tracks = NonZero(c.tracks);
  t.distinct_artists = NonZero(c.artists);
  return t;
}

// Indexes of the `n` largest counts (> 0), largest first; ties by `less`.
std::vector<size_t> Top(const std::vector<int64_t>& counts, size_t n,
                        const std::function<bool(size_t, size_t)>& less) {
  std::vector<size_t> idx;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > 0) idx.push_back(i);
  }
  auto better = [&](size_t a, size_t b) { return counts[a] != counts[b] ? counts[a] > counts[b] : less(a, b); };
  size_t keep = std::min(n, idx.size());
  std::partial_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(keep), idx.end(), better);
  idx.resize(keep);
  return idx;
}

std::vector<RankedItem> TopArtists(const PlayLog& log, const Counts& now, const Counts& before, size_t n) {
  const auto& names = log.artists();
  std::vector<RankedItem> out;
  for (size_t a : Top(now.artists, n, [&](size_t x, size_t y) { return names[x] < names[y]; })) {
    out.push_back({names[a], names[a], "", now.artists[a], before.artists[a]});
  }
  return out;
}

bool TrackLess(const std::vector<LoggedTrack>& tracks, size_t x, size_t y) {
  const auto &a = tracks[x], &b = tracks[y];
  return std::tie(a.name, a.artist, a.id) < std::tie(b.name, b.artist, b.id);
}

std::vector<RankedItem> TopTracks(const PlayLog& log, const Counts& now, const Counts& before, size_t n) {
  const auto& tracks = log.tracks();
  std::vector<RankedItem> out;
  for (size_t t : Top(now.tracks, n, [&](size_t x, size_t y) { return TrackLess(tracks, x, y); })) {
    out.push_back({tracks[t].id, tracks[t].name, tracks[t].artist, now.tracks[t], before.tracks[t]});
  }
  return out;
}

std::vector<RankedItem> TopGenres(const Counts& now, const Counts& before, size_t n) {
  std::vector<std::string> names;
  std::vector<int64_t> plays;
  for (const auto& [g, count] : now.genres) {
    names.push_back(g);
    plays.push_back(count);
  }
  std::vector<RankedItem> out;
  for (size_t i : Top(plays, n, [&](size_t x, size_t y) { return names[x] < names[y]; })) {
    auto prev = before.genres.find(names[i]);
    out.push_back({names[i], names[i], "", plays[i], prev == before.genres.end() ? 0 : prev->second});
  }
  return out;
}

// Artists whose first play ever is inside the period.
void AddDiscoveries(const PlayLog& log, const ReportPeriod& period, const Counts& now, size_t n,
                    ListeningReport& r) {
  std::vector<int64_t> first(log.artists().size(), -1);
  for (const auto& p : log.plays()) {
    if (first[p.artist] < 0) first[p.artist] = p.at_ms;
  }
  int64_t from = core::ToUnixMillis(period.start), to = core::ToUnixMillis(period.end);
  std::vector<int64_t> new_plays(first.size());
  for (size_t a = 0; a < first.size(); ++a) {
    if (first[a] >= from && first[a] < to) new_plays[a] = now.artists[a];
  }
  r.new_artist_count = NonZero(new_plays);
  const auto& names = log.artists();
  for (size_t a : Top(new_plays, n, [&](size_t x, size_t y) { return names[x] < names[y]; })) {
    r.new_artists.push_back({names[a], new_plays[a], core::FromUnixMillis(first[a])});
  }
}

ListeningClock ClockOf(Plays plays) {
  ListeningClock clock{};
  for (const auto& p : plays) {
    int64_t day = p.at_ms / kDayMs;
    ++clock[static_cast<size_t>((day + 3) % 7)][static_cast<size_t>((p.at_ms % kDayMs) / kHourMs)];  // 1970-01-01 was a Thursday
  }
  return clock;
}

Streak LongestStreak(Plays plays) {
  Streak best, run;
  int64_t last_day = -2;
  for (const auto& p : plays) {
    int64_t day = p.at_ms / kDayMs;
    if (day == last_day) continue;
    if (day != last_day + 1) run = {0, core::FromUnixMillis(day * kDayMs), {}};
    ++run.days;
    run.last_day = core::FromUnixMillis(day * kDayMs);
    if (run.days > best.days) best = run;
    last_day = day;
  }
  return best;
}

std::vector<SkippedTrack> MostSkipped(const PlayLog& log, const Counts& now, size_t n) {
  const auto& tracks = log.tracks();
  auto less = [&](size_t x, size_t y) {
    return now.tracks[x] != now.tracks[y] ? now.tracks[x] > now.tracks[y] : TrackLess(tracks, x, y);
  };
  std::vector<SkippedTrack> out;
  for (size_t t : Top(now.skips, n, less)) {
    out.push_back({tracks[t].id, tracks[t].name, tracks[t].artist, now.skips[t], now.tracks[t]});
  }
  return out;
}

std::optional<double> Average(const PlayLog& log, Plays plays, std::optional<double> LoggedTrack::*feature) {
  double sum = 0;
  int64_t n = 0;
  for (const auto& p : plays) {
    if (const auto& v = log.tracks()[p.track].*feature) {
      sum += *v;
      ++n;
    }
  }
  if (n == 0) return std::nullopt;
  return sum / static_cast<double>(n);
}

}  // namespace

ListeningReport BuildListeningReport(const PlayLog& log, const ReportPeriod& period, size_t top_n) {
  ListeningReport r;
  r.period = period;
  Plays now = Window(log, period.start, period.end);
  Plays before = Window(log, period.previous_start, period.start);
  Plays all = Window(log, core::TimePoint{}, period.end);
  Counts now_counts = Count(log, now), before_counts = Count(log, before);
  r.current = TotalsOf(now, now_counts);
  r.previous = TotalsOf(before, before_counts);
  r.top_artists = TopArtists(log, now_counts, before_counts, top_n);
  r.top_tracks = TopTracks(log, now_counts, before_counts, top_n);
  r.top_genres = TopGenres(now_counts, before_counts, top_n);
  AddDiscoveries(log, period, now_counts, top_n, r);
  r.clock = ClockOf(now);
  r.longest_streak = LongestStreak(now);
  r.most_skipped = MostSkipped(log, now_counts, top_n);
  r.energy = {Average(log, now, &LoggedTrack::energy), Average(log, all, &LoggedTrack::energy)};
  r.valence = {Average(log, now, &LoggedTrack::valence), Average(log, all, &LoggedTrack::valence)};
  return r;
}

}  // namespace echotune::analytics
