#include "api/analytics_report.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "core/time_format.h"

namespace echotune::api {
namespace {

namespace json = boost::json;
constexpr int64_t kAllRows = 1'000'000'000;

// Later than any plausible playedAt; the store needs an upper bound.
core::TimePoint FarFuture() { return core::FromUnixMillis(4'102'444'800'000); }  // 2100-01-01

core::Result<std::vector<model::Listen>> ListensOf(store::Store& store, const ReportQuery& q) {
  return store.listens().ListInRange(q.user_id, PeriodStart(q.period, q.now), FarFuture());
}

std::vector<std::string> DistinctTracks(const std::vector<model::Listen>& listens) {
  std::set<std::string> ids;
  for (const auto& l : listens) ids.insert(l.track_id);
  return {ids.begin(), ids.end()};
}

core::Result<std::vector<model::TrackMetadata>> TracksOf(store::Store& store,
                                                         const std::vector<model::Listen>& l) {
  return store.tracks().GetMany(DistinctTracks(l));
}

template <typename Rows>
int64_t TotalPlays(const Rows& rows) {
  int64_t total = 0;
  for (const auto& r : rows) total += r.plays;
  return total;
}

json::object SummaryJson(const SessionSummary& s) {
  return {{"plays", s.plays},
          {"totalMs", s.total_ms},
          {"sessions", s.sessions},
          {"averageSessionMs", s.average_session_ms}};
}

SessionSummary SummariseSince(const std::vector<model::Listen>& listens, core::TimePoint since) {
  std::vector<Play> plays;
  for (const auto& l : listens) {
    if (l.played_at >= since) plays.push_back({l.played_at, l.duration_ms});
  }
  return SummariseSessions(plays);
}

std::string UtcDate(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

// Listening time per UTC day, every day from the period's start (for "all":
// the first listen's day) to today, days without plays included.
json::array DailyTotals(const std::vector<model::Listen>& listens, core::TimePoint since,
                        core::TimePoint now) {
  using std::chrono::floor;
  using std::chrono::sys_days;
  std::map<sys_days, std::pair<int64_t, int64_t>> by_day;  // plays, totalMs
  std::optional<sys_days> first;
  for (const auto& l : listens) {
    if (l.played_at < since || l.played_at > now) continue;
    sys_days d = floor<std::chrono::days>(l.played_at);
    auto& [plays, ms] = by_day[d];
    ++plays;
    ms += l.duration_ms;
    if (!first || d < *first) first = d;
  }
  json::array out;
  sys_days start = since == core::TimePoint{} ? first.value_or(floor<std::chrono::days>(now))
                                              : floor<std::chrono::days>(since);
  for (sys_days d = start; d <= floor<std::chrono::days>(now); d += std::chrono::days(1)) {
    auto it = by_day.find(d);
    out.push_back(json::object{{"date", UtcDate(d)},
                               {"plays", it == by_day.end() ? 0 : it->second.first},
                               {"totalMs", it == by_day.end() ? 0 : it->second.second}});
  }
  return out;
}

template <typename T>
json::array ToJsonArray(const std::vector<T>& items) {
  json::array out;
  for (const auto& item : items) out.push_back(model::ToJson(item));
  return out;
}

// The error of the first failed result, if any.
template <typename... Results>
std::optional<core::Error> FirstError(const Results&... results) {
  std::optional<core::Error> first;
  auto check = [&first](const auto& r) {
    if (!first && !r.ok()) first = r.error();
  };
  (check(results), ...);
  return first;
}

}  // namespace

core::Result<json::array> TopArtistsReport(store::Store& store, const ReportQuery& q) {
  auto rows = store.listens().TopArtists(q.user_id, PeriodStart(q.period, q.now), kAllRows);
  if (!rows.ok()) return std::move(rows).error();
  int64_t total = TotalPlays(*rows);
  json::array out;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(q.limit); ++i) {
    const auto& r = (*rows)[i];
    out.push_back(json::object{{"artist", r.artist_name},
                               {"playCount", r.plays},
                               {"percentage", Percentage(r.plays, total)},
                               {"totalMs", r.total_ms}});
  }
  return out;
}

core::Result<json::array> TopTracksReport(store::Store& store, const ReportQuery& q) {
  auto rows = store.listens().TopTracks(q.user_id, PeriodStart(q.period, q.now), kAllRows);
  if (!rows.ok()) return std::move(rows).error();
  int64_t total = TotalPlays(*rows);
  json::array out;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(q.limit); ++i) {
    const auto& r = (*rows)[i];
    out.push_back(json::object{{"trackId", r.track_id},
                               {"trackName", r.track_name},
                               {"artist", r.artist_name},
                               {"playCount", r.plays},
                               {"percentage", Percentage(r.plays, total)},
                               {"totalMs", r.total_ms}});
  }
  return out;
}

core::Result<json::array> TopGenresReport(store::Store& store, const ReportQuery& q) {
  auto listens = ListensOf(store, q);
  if (!listens.ok()) return std::move(listens).error();
  auto tracks = TracksOf(store, *listens);
  if (!tracks.ok()) return std::move(tracks).error();
  std::map<std::string, int64_t> plays_by_track;
  for (const auto& l : *listens) ++plays_by_track[l.track_id];
  std::map<std::string, std::vector<std::string>> genres;
  for (const auto& t : *tracks) genres[t.spotify_id] = t.genres;
  json::array out;
  auto total = static_cast<int64_t>(listens->size());
  for (const auto& g : CountGenres(plays_by_track, genres, static_cast<size_t>(q.limit))) {
    out.push_back(json::object{
        {"genre", g.genre}, {"playCount", g.plays}, {"percentage", Percentage(g.plays, total)}});
  }
  return out;
}

core::Result<json::object> ListeningTimeReport(store::Store& store, const ReportQuery& q) {
  ReportQuery all = q;
  all.period = Period{"all", std::nullopt};
  auto listens = ListensOf(store, all);
  if (!listens.ok()) return std::move(listens).error();
  json::object windows;
  for (const char* name : {"7d", "30d", "all"}) {
    windows[name] = SummaryJson(SummariseSince(*listens, PeriodStart(*ParsePeriod(name), q.now)));
  }
  json::object out = SummaryJson(SummariseSince(*listens, PeriodStart(q.period, q.now)));
  out["period"] = q.period.name;
  out["windows"] = std::move(windows);
  out["days"] = DailyTotals(*listens, PeriodStart(q.period, q.now), q.now);
  return out;
}

core::Result<json::array> EnergyTrendReport(store::Store& store, const ReportQuery& q) {
  auto listens = ListensOf(store, q);
  if (!listens.ok()) return std::move(listens).error();
  auto tracks = TracksOf(store, *listens);
  if (!tracks.ok()) return std::move(tracks).error();
  std::map<std::string, double> energy;
  for (const auto& t : *tracks) {
    if (t.audio_features && t.audio_features->energy) energy[t.spotify_id] = *t.audio_features->energy;
  }
  std::array<EnergyBucket, 7> buckets{};
  for (const auto& l : *listens) {
    if (auto it = energy.find(l.track_id); it != energy.end()) AddEnergy(buckets, l.played_at, it->second);
  }
  json::array out;
  for (size_t i = 0; i < buckets.size(); ++i) {
    auto avg = buckets[i].Average();
    out.push_back(json::object{{"day", kWeekdayNames[i]},
                               {"weekday", i},
                               {"averageEnergy", avg ? json::value(std::round(*avg * 1000) / 1000)
                                                     : json::value(nullptr)},
                               {"plays", buckets[i].plays}});
  }
  return out;
}

core::Result<json::object> ExportUserData(store::Store& store, const core::ObjectId& user_id,
                                          core::TimePoint now) {
  auto user = store.users().Get(user_id);
  if (!user.ok()) return std::move(user).error();
  auto prefs = store.preferences().Get(user_id);
  auto listens = store.listens().ListInRange(user_id, core::TimePoint{}, FarFuture());
  auto playlists = store.playlists().ListByUser(user_id, 0, kAllRows);
  auto recs = store.recommendations().ListSince(user_id, core::TimePoint{});
  store::EventQuery events_query{.user_id = user_id, .limit = kAllRows};
  auto events = store.analytics().Query(events_query);
  auto chats = store.chat_sessions().ListRecent(user_id, kAllRows);
  if (auto e = FirstError(prefs, listens, playlists, recs, events, chats)) return std::move(*e);
  return json::object{{"exportedAt", core::FormatIso8601(now)},
                      {"user", model::ToJson(*user)},
                      {"preferences", model::ToJson(*prefs)},
                      {"listeningHistory", ToJsonArray(*listens)},
                      {"playlists", ToJsonArray(playlists->items)},
                      {"recommendations", ToJsonArray(*recs)},
                      {"analyticsEvents", ToJsonArray(*events)},
                      {"chatSessions", ToJsonArray(*chats)}};
}

}  // namespace echotune::api
