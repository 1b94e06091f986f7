// Issue 7, /api/analytics/* over real HTTP on listens stored through the
// service's store, with numbers checked by hand.
#include <gtest/gtest.h>

#include <tuple>

#include "api/listening_stats.h"
#include "tests/e2e/http_client.h"
#include "tests/e2e/test_service.h"

namespace echotune::e2e {
namespace {

using namespace std::chrono_literals;
using core::TimePoint;

// Listens of one user (durations in ms), relative to `base` = 10:00 UTC two days ago:
//   base+0     t1 Artist A 180000 ┐
//   base+5min  t1 Artist A 180000 │ session 1: 10:00–10:14 (840000 ms)
//   base+10min t2 Artist B 240000 ┘
//   base+2h    t3 Artist A 200000   session 2 (200000 ms)
//   20 days before base: t2 Artist B 100000
//   60 days before base: t4 Artist C 300000
//   400 days before base: t4 Artist C 300000
struct AnalyticsFixture {
  AnalyticsFixture() {
    auto& store = svc.service().store();
    model::User u;
    u.spotify_id = "analytics-user";
    u.display_name = "Analytics User";
    u.access_token = "secret-access-token";
    u.refresh_token = "secret-refresh-token";
    auto user = store.users().UpsertBySpotifyId(u);
    EXPECT_TRUE(user.ok());
    user_id = user->id;
    token = svc.service().jwt().Issue(user_id.ToHex(), u.spotify_id);
    base = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) - 48h + 10h;
    std::vector<model::Listen> listens = {
        Listen("t1", "Song One", "Artist A", base, 180000),
        Listen("t1", "Song One", "Artist A", base + 5min, 180000),
        Listen("t2", "Song Two", "Artist B", base + 10min, 240000),
        Listen("t3", "Song Three", "Artist A", base + 2h, 200000),
        Listen("t2", "Song Two", "Artist B", base - 20 * 24h, 100000),
        Listen("t4", "Song Four", "Artist C", base - 60 * 24h, 300000),
        Listen("t4", "Song Four", "Artist C", base - 400 * 24h, 300000)};
    auto inserted = store.listens().InsertBatch(listens);
    EXPECT_TRUE(inserted.ok() && inserted->inserted == 7);
    EXPECT_TRUE(store.tracks().Upsert(Track("t1", {"rock", "indie"}, 0.8)).ok());
    EXPECT_TRUE(store.tracks().Upsert(Track("t2", {"indie"}, 0.4)).ok());
    EXPECT_TRUE(store.tracks().Upsert(Track("t3", {"pop"}, 0.6)).ok());
  }

  model::Listen Listen(const char* id, const char* name, const char* artist, TimePoint at,
                       int64_t ms) const {
    model::Listen l;
    l.user_id = user_id;
    l.track_id = id;
    l.track_name = name;
    l.artist_name = artist;
    l.played_at = at;
    l.duration_ms = ms;
    return l;
  }
  static model::TrackMetadata Track(const char* id, std::vector<std::string> genres, double energy) {
    model::TrackMetadata t;
    t.spotify_id = id;
    t.name = id;
    t.genres = std::move(genres);
    t.audio_features = model::AudioFeatures{};
    t.audio_features->energy = energy;
    return t;
  }

  HttpReply Get(const std::string& target) {
    return Fetch(svc.port(), bhttp::verb::get, target, "", {{"Authorization", "Bearer " + token}});
  }
  boost::json::value Data(const std::string& target) {
    auto r = Get(target);
    EXPECT_EQ(r.status, 200u) << target << " " << r.body;
    return r.Json().at("data");
  }

  TestService svc;
  core::ObjectId user_id;
  std::string token;
  TimePoint base;
};

using ArtistRow = std::tuple<std::string, int64_t, double>;  // artist, playCount, percentage

std::vector<ArtistRow> ArtistRows(const boost::json::value& data) {
  std::vector<ArtistRow> out;
  for (const auto& row : data.as_array()) {
    out.emplace_back(std::string(row.at("artist").as_string()), row.at("playCount").to_number<int64_t>(),
                     row.at("percentage").to_number<double>());
  }
  return out;
}

TEST(AnalyticsTopArtists, CountsAndPercentagesPerPeriod) {
  AnalyticsFixture f;
  EXPECT_EQ(ArtistRows(f.Data("/api/analytics/top-artists?period=7d")),
            (std::vector<ArtistRow>{{"Artist A", 3, 75}, {"Artist B", 1, 25}}));
  EXPECT_EQ(ArtistRows(f.Data("/api/analytics/top-artists")),  // 30d by default
            (std::vector<ArtistRow>{{"Artist A", 3, 60}, {"Artist B", 2, 40}}));
  EXPECT_EQ(ArtistRows(f.Data("/api/analytics/top-artists?period=90d")),
            (std::vector<ArtistRow>{{"Artist A", 3, 50}, {"Artist B", 2, 33.33}, {"Artist C", 1, 16.67}}));
  EXPECT_EQ(ArtistRows(f.Data("/api/analytics/top-artists?period=all&limit=2")),
            (std::vector<ArtistRow>{{"Artist A", 3, 42.86}, {"Artist B", 2, 28.57}}));
  auto first = f.Get("/api/analytics/top-artists?period=7d").Json();
  EXPECT_EQ(first.at("data").at(0).at("totalMs"), 560000);
  EXPECT_EQ(first.at("meta").at("period"), "7d");
  EXPECT_EQ(first.at("meta").at("limit"), 10);
}

TEST(AnalyticsTopArtists, BadPeriodOrLimitIsAValidationErrorNamingTheField) {
  AnalyticsFixture f;
  for (auto [target, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/analytics/top-artists?period=1y", "period"},
           {"/api/analytics/top-artists?limit=0", "limit"},
           {"/api/analytics/top-artists?limit=21", "limit"},
           {"/api/analytics/top-tracks?limit=abc", "limit"},
           {"/api/analytics/energy-trend?period=365d", "period"}}) {
    auto r = f.Get(target);
    EXPECT_EQ(r.status, 400u) << target;
    EXPECT_EQ(r.Json().at("code"), "VALIDATION_ERROR") << target;
    EXPECT_EQ(r.Json().at("details").at("field"), field.c_str()) << target;
  }
  EXPECT_EQ(f.Get("/api/analytics/top-artists?limit=20").status, 200u);
  EXPECT_EQ(f.Get("/api/analytics/top-artists?limit=1").Json().at("data").as_array().size(), 1u);
}

TEST(AnalyticsTopTracks, MostPlayedTracksOfThePeriod) {
  AnalyticsFixture f;
  auto rows = f.Data("/api/analytics/top-tracks?period=30d").as_array();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].at("playCount"), 2);
  EXPECT_EQ(rows[0].at("percentage"), 40);
  EXPECT_EQ(rows[1].at("playCount"), 2);
  EXPECT_EQ(rows[2].at("trackId"), "t3");
  EXPECT_EQ(rows[2].at("trackName"), "Song Three");
  EXPECT_EQ(rows[2].at("artist"), "Artist A");
  EXPECT_EQ(rows[2].at("percentage"), 20);
}

TEST(AnalyticsTopGenres, PlaysCountForEveryGenreOfTheTrack) {
  AnalyticsFixture f;
  EXPECT_EQ(f.Data("/api/analytics/top-genres?period=30d"),
            boost::json::parse(R"([{"genre":"indie","playCount":4,"percentage":80},
                                   {"genre":"rock","playCount":2,"percentage":40},
                                   {"genre":"pop","playCount":1,"percentage":20}])"));
  // All time: t4 has no metadata; 7 plays in all.
  auto all = f.Data("/api/analytics/top-genres?period=all&limit=1").as_array();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].at("percentage"), 57.14);
}

TEST(AnalyticsListeningTime, TotalsAndSessionsPerWindow) {
  AnalyticsFixture f;
  auto data = f.Data("/api/analytics/listening-time").as_object();
  auto w = data.at("windows");
  EXPECT_EQ(w.at("7d"), boost::json::parse(
      R"({"plays":4,"totalMs":800000,"sessions":2,"averageSessionMs":520000})"));
  EXPECT_EQ(w.at("30d"), boost::json::parse(
      R"({"plays":5,"totalMs":900000,"sessions":3,"averageSessionMs":380000})"));
  EXPECT_EQ(w.at("all"), boost::json::parse(
      R"({"plays":7,"totalMs":1500000,"sessions":5,"averageSessionMs":348000})"));
  EXPECT_EQ(data.at("period"), "30d");
  EXPECT_EQ(data.at("sessions"), 3);
  EXPECT_EQ(data.at("totalMs"), 900000);
  // Per UTC day for the charts: 30 days back to today, zero-filled; base is two days ago.
  auto days = data.at("days").as_array();
  ASSERT_GE(days.size(), 30u);
  ASSERT_LE(days.size(), 31u);
  int64_t plays = 0, ms = 0;
  for (auto& d : days) {
    EXPECT_EQ(d.at("date").as_string().size(), 10u);
    plays += d.at("plays").as_int64();
    ms += d.at("totalMs").as_int64();
  }
  EXPECT_EQ(plays, 5);
  EXPECT_EQ(ms, 900000);
  EXPECT_EQ(days.back().at("plays"), 0);  // nothing today
  EXPECT_EQ(f.Data("/api/analytics/listening-time?period=7d").at("days").as_array().size() <= 8,
            true);
}

TEST(AnalyticsEnergyTrend, AverageEnergyByWeekday) {
  AnalyticsFixture f;
  auto days = f.Data("/api/analytics/energy-trend?period=7d").as_array();
  ASSERT_EQ(days.size(), 7u);
  EXPECT_EQ(days[0].at("day"), "Monday");
  size_t d = static_cast<size_t>(api::WeekdayIndex(f.base));
  for (size_t i = 0; i < 7; ++i) {
    if (i == d) {
      EXPECT_EQ(days[i].at("averageEnergy"), 0.65);  // (0.8 + 0.8 + 0.4 + 0.6) / 4
      EXPECT_EQ(days[i].at("plays"), 4);
    } else {
      EXPECT_TRUE(days[i].at("averageEnergy").is_null()) << i;
      EXPECT_EQ(days[i].at("plays"), 0);
    }
  }
}

TEST(AnalyticsExport, EverythingAsADownloadWithoutTokens) {
  AnalyticsFixture f;
  auto r = f.Get("/api/analytics/export");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_NE(r.Header("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(r.body.find("secret-access-token"), std::string::npos);
  EXPECT_EQ(r.body.find("secret-refresh-token"), std::string::npos);
  auto doc = r.Json().as_object();
  EXPECT_EQ(doc.at("user").at("spotifyId"), "analytics-user");
  EXPECT_EQ(doc.at("listeningHistory").as_array().size(), 7u);
  EXPECT_TRUE(doc.at("preferences").is_object());
  for (const char* key : {"playlists", "recommendations", "analyticsEvents", "chatSessions"}) {
    EXPECT_TRUE(doc.at(key).is_array()) << key;
  }
}

TEST(Analytics, EveryEndpointRequiresAToken) {
  AnalyticsFixture f;
  for (const char* name :
       {"top-artists", "top-tracks", "top-genres", "listening-time", "energy-trend", "export"}) {
    auto r = Fetch(f.svc.port(), bhttp::verb::get, std::string("/api/analytics/") + name);
    EXPECT_EQ(r.status, 401u) << name;
  }
}

}  // namespace
}  // namespace echotune::e2e
