#include "api/listening_stats.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace echotune::api {

const std::array<std::string_view, 7> kWeekdayNames = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

core::Result<Period> ParsePeriod(std::optional<std::string_view> text) {
  std::string_view name = text.value_or("30d");
  if (name == "7d") return Period{"7d", 7};
  if (name == "30d") return Period{"30d", 30};
  if (name == "90d") return Period{"90d", 90};
  if (name == "all") return Period{"all", std::nullopt};
  return core::Error::Validation("period", "period must be one of 7d, 30d, 90d, all");
}

core::TimePoint PeriodStart(const Period& period, core::TimePoint now) {
  if (!period.days) return core::TimePoint{};
  return now - std::chrono::hours(24) * *period.days;
}

core::Result<int> ParseLimit(std::optional<std::string_view> text, std::string_view field, int min,
                             int max, int fallback) {
  if (!text) return fallback;
  int value = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || p != text->data() + text->size() || value < min || value > max) {
    return core::Error::Validation(std::string(field),
                                   std::string(field) + " must be an integer from " +
                                       std::to_string(min) + " to " + std::to_string(max));
  }
  return value;
}

double Percentage(int64_t part, int64_t whole) {
  if (whole <= 0) return 0;
  return std::round(10000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 100.0;
}

SessionSummary SummariseSessions(const std::vector<Play>& plays, std::chrono::milliseconds gap) {
  SessionSummary s;
  if (plays.empty()) return s;
  int64_t lengths_ms = 0;
  core::TimePoint start = plays.front().played_at;
  core::TimePoint end = start;
  for (const Play& p : plays) {
    core::TimePoint p_end = p.played_at + std::chrono::milliseconds(p.duration_ms);
    if (s.plays > 0 && p.played_at - end > gap) {
      lengths_ms += std::chrono::duration_cast<std::chrono::milliseconds>(end - start).count();
      ++s.sessions;
      start = p.played_at;
      end = p_end;
    }
    end = std::max(end, p_end);
    ++s.plays;
    s.total_ms += p.duration_ms;
  }
  lengths_ms += std::chrono::duration_cast<std::chrono::milliseconds>(end - start).count();
  ++s.sessions;
  s.average_session_ms = lengths_ms / s.sessions;
  return s;
}

int WeekdayIndex(core::TimePoint t) {
  auto days = std::chrono::floor<std::chrono::days>(t.time_since_epoch()).count();
  // 1970-01-01 was a Thursday (index 3).
  return static_cast<int>(((days + 3) % 7 + 7) % 7);
}

std::optional<double> EnergyBucket::Average() const {
  if (plays == 0) return std::nullopt;
  return energy_sum / static_cast<double>(plays);
}

void AddEnergy(std::array<EnergyBucket, 7>& buckets, core::TimePoint played_at, double energy) {
  EnergyBucket& b = buckets[static_cast<size_t>(WeekdayIndex(played_at))];
  b.energy_sum += energy;
  ++b.plays;
}

std::vector<GenrePlays> CountGenres(const std::map<std::string, int64_t>& plays_by_track,
                                    const std::map<std::string, std::vector<std::string>>& genres,
                                    size_t limit) {
  std::map<std::string, int64_t> counts;
  for (const auto& [track, plays] : plays_by_track) {
    auto it = genres.find(track);
    if (it == genres.end()) continue;
    for (const auto& g : it->second) counts[g] += plays;
  }
  std::vector<GenrePlays> out;
  for (auto& [genre, plays] : counts) out.push_back({genre, plays});
  std::stable_sort(out.begin(), out.end(),
                   [](const GenrePlays& a, const GenrePlays& b) { return a.plays > b.plays; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace echotune::api
