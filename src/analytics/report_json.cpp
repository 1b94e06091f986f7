#include "analytics/report_json.h"

#include <boost/json/array.hpp>
#include <cmath>

#include "core/json_write.h"
#include "core/time_format.h"

namespace echotune::analytics {
namespace {

namespace json = boost::json;

constexpr std::array<const char*, 7> kDays = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                              "Friday", "Saturday", "Sunday"};

json::value Optional(std::optional<double> v, int decimals) {
  return v ? json::value(core::RoundTo(*v, decimals)) : json::value(nullptr);
}

json::object PeriodJson(const ReportPeriod& p) {
  return {{"type", PeriodName(p.kind)},
          {"start", FormatDay(p.start)},
          {"end", FormatDay(p.end - std::chrono::hours(24))},
          {"previousStart", FormatDay(p.previous_start)}};
}

json::object TotalsJson(const Totals& t) {
  return {{"minutesListened", Minutes(t.total_ms)}, {"totalMs", t.total_ms},
          {"plays", t.plays},                       {"skips", t.skips},
          {"distinctTracks", t.distinct_tracks},     {"distinctArtists", t.distinct_artists}};
}

json::array RankedJson(const std::vector<RankedItem>& items, const char* name_key, bool tracks) {
  json::array out;
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    json::object o{{"rank", i + 1}};
    if (tracks) o["trackId"] = it.id;
    o[name_key] = it.name;
    if (tracks) o["artist"] = it.artist;
    o["plays"] = it.plays;
    o["previousPlays"] = it.previous_plays;
    o["changePercent"] = Optional(ChangePercent(it.plays, it.previous_plays), 1);
    out.push_back(std::move(o));
  }
  return out;
}

json::object DiscoveriesJson(const ListeningReport& r) {
  json::array top;
  for (const auto& d : r.new_artists) {
    top.push_back(json::object{
        {"artist", d.artist}, {"plays", d.plays}, {"firstPlayedAt", core::FormatIso8601(d.first_played)}});
  }
  return {{"count", r.new_artist_count}, {"top", std::move(top)}};
}

json::object ClockJson(const ListeningClock& clock) {
  json::array days, plays;
  for (size_t d = 0; d < clock.size(); ++d) {
    days.push_back(json::string(kDays[d]));
    plays.push_back(json::array(clock[d].begin(), clock[d].end()));
  }
  return {{"days", std::move(days)}, {"plays", std::move(plays)}};
}

json::object StreakJson(const Streak& s) {
  if (s.days == 0) return {{"days", 0}, {"start", nullptr}, {"end", nullptr}};
  return {{"days", s.days}, {"start", FormatDay(s.first_day)}, {"end", FormatDay(s.last_day)}};
}

json::array SkippedJson(const std::vector<SkippedTrack>& tracks) {
  json::array out;
  for (const auto& t : tracks) {
    out.push_back(json::object{
        {"trackId", t.track_id}, {"trackName", t.name}, {"artist", t.artist}, {"skips", t.skips}, {"plays", t.plays}});
  }
  return out;
}

json::object AverageJson(const FeatureAverage& a) {
  return {{"period", Optional(a.period, 3)}, {"allTime", Optional(a.all_time, 3)}};
}

}  // namespace

int64_t Minutes(int64_t ms) { return static_cast<int64_t>(std::llround(static_cast<double>(ms) / 60000.0)); }

std::optional<double> ChangePercent(int64_t now, int64_t before) {
  if (before == 0) return std::nullopt;
  return std::round(1000.0 * static_cast<double>(now - before) / static_cast<double>(before)) / 10.0;
}

json::object ReportJson(const ListeningReport& r) {
  json::object o = TotalsJson(r.current);
  o["period"] = PeriodJson(r.period);
  o["previous"] = TotalsJson(r.previous);
  o["change"] = json::object{{"playsPercent", Optional(ChangePercent(r.current.plays, r.previous.plays), 1)},
                             {"minutesPercent", Optional(ChangePercent(Minutes(r.current.total_ms),
                                                                       Minutes(r.previous.total_ms)), 1)}};
  o["topArtists"] = RankedJson(r.top_artists, "artist", false);
  o["topTracks"] = RankedJson(r.top_tracks, "trackName", true);
  o["topGenres"] = RankedJson(r.top_genres, "genre", false);
  o["newArtists"] = DiscoveriesJson(r);
  o["listeningClock"] = ClockJson(r.clock);
  o["longestStreak"] = StreakJson(r.longest_streak);
  o["mostSkipped"] = SkippedJson(r.most_skipped);
  o["mood"] = json::object{{"energy", AverageJson(r.energy)}, {"valence", AverageJson(r.valence)}};
  return o;
}

}  // namespace echotune::analytics
