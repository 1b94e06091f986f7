#include "analytics/report_text.h"

#include <algorithm>
#include <cstdio>

#include "analytics/report_json.h"
#include "core/time_format.h"

namespace echotune::analytics {
namespace {

constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string Format(const char* fmt, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

std::string Change(int64_t now, int64_t before) {
  auto pct = ChangePercent(now, before);
  return pct ? Format("%+.1f%%", *pct) : std::string("new");
}

std::string Header(const ListeningReport& r) {
  const Totals& t = r.current;
  std::string out = Format("Listening report: %s %s to %s\n\n", std::string(PeriodName(r.period.kind)).c_str(),
                           FormatDay(r.period.start).c_str(),
                           FormatDay(r.period.end - std::chrono::hours(24)).c_str());
  out += Format("  Minutes listened  %lld (%s)\n", static_cast<long long>(Minutes(t.total_ms)),
                Change(Minutes(t.total_ms), Minutes(r.previous.total_ms)).c_str());
  out += Format("  Plays             %lld (%s), %lld skipped\n", static_cast<long long>(t.plays),
                Change(t.plays, r.previous.plays).c_str(), static_cast<long long>(t.skips));
  out += Format("  Distinct tracks   %lld\n  Distinct artists  %lld\n", static_cast<long long>(t.distinct_tracks),
                static_cast<long long>(t.distinct_artists));
  out += Format("  Longest streak    %lld days\n", static_cast<long long>(r.longest_streak.days));
  return out;
}

std::string Ranked(const char* title, const std::vector<RankedItem>& items) {
  std::string out = Format("\n%s\n", title);
  if (items.empty()) return out + "  (none)\n";
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    std::string name = it.artist.empty() ? it.name : it.name + " - " + it.artist;
    out += Format("  %2zu. %-48s %6lld plays  %s\n", i + 1, name.c_str(), static_cast<long long>(it.plays),
                  Change(it.plays, it.previous_plays).c_str());
  }
  return out;
}

std::string Discoveries(const ListeningReport& r) {
  std::string out = Format("\nNew discoveries (%lld artists first heard)\n", static_cast<long long>(r.new_artist_count));
  for (const auto& d : r.new_artists) {
    out += Format("  %-48s %6lld plays  first %s\n", d.artist.c_str(), static_cast<long long>(d.plays),
                  FormatDay(d.first_played).c_str());
  }
  return out;
}

std::string Clock(const ListeningClock& clock) {
  static const char* kShades[] = {" ", ".", ":", "*", "#"};
  int64_t most = 1;
  for (const auto& day : clock) {
    for (int64_t n : day) most = std::max(most, n);
  }
  std::string out = "\nListening clock (UTC)  0h          12h         23h\n";
  for (size_t d = 0; d < clock.size(); ++d) {
    out += Format("  %s                  ", kDays[d]);
    for (int64_t n : clock[d]) out += kShades[n == 0 ? 0 : 1 + (3 * n) / most];
    out += "\n";
  }
  return out;
}

std::string Skipped(const std::vector<SkippedTrack>& tracks) {
  std::string out = "\nMost skipped\n";
  if (tracks.empty()) return out + "  (none)\n";
  for (const auto& t : tracks) {
    std::string name = t.name + " - " + t.artist;
    out += Format("  %-48s %4lld of %lld plays\n", name.c_str(), static_cast<long long>(t.skips),
                  static_cast<long long>(t.plays));
  }
  return out;
}

std::string Value(std::optional<double> v) { return v ? Format("%.3f", *v) : std::string("n/a"); }

std::string Mood(const ListeningReport& r) {
  return Format("\nMood (period vs all time)\n  Energy   %s vs %s\n  Valence  %s vs %s\n", Value(r.energy.period).c_str(),
                Value(r.energy.all_time).c_str(), Value(r.valence.period).c_str(), Value(r.valence.all_time).c_str());
}

}  // namespace

std::string ReportText(const ListeningReport& r) {
  return Header(r) + Ranked("Top artists", r.top_artists) + Ranked("Top tracks", r.top_tracks) +
         Ranked("Top genres", r.top_genres) + Discoveries(r) + Clock(r.clock) + Skipped(r.most_skipped) + Mood(r);
}

}  // namespace echotune::analytics
