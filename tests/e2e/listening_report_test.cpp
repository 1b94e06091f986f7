// Issue 16, GET /api/analytics/report and report.svg over real HTTP, on the real
// basic export sample (../shared/data/spotify-export-samples/basic_2020_cosmoduende,
// 6,866 plays, read in place) imported through the real importer. Every expected
// figure below was computed independently from the raw JSON with a short Python
// script (playedAt = endTime − msPlayed; a skip is msPlayed < 30 s; a track is
// its case-folded (artist, name); periods in UTC), not by the code under test.
#include <gtest/gtest.h>

#include <sstream>

#include "core/test_util.h"
#include "ingest/export_format.h"
#include "ingest/export_importer.h"
#include "ingest/track_id.h"
#include "tests/e2e/http_client.h"
#include "tests/e2e/test_service.h"

namespace echotune::e2e {
namespace {

namespace json = boost::json;

class ListeningReportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    svc_ = new TestService();
    auto files = ingest::CollectExportFiles(
        {echotune::testing::SharedDataDir() / "spotify-export-samples" / "basic_2020_cosmoduende"});
    ASSERT_TRUE(files.ok()) << files.error().message;
    std::ostringstream out;
    ingest::ProgressReporter progress(out, false, core::SystemClock::Instance());
    ingest::ExportImporter importer(svc_->service().store(), progress);
    auto summary = importer.Import(*files, {"cosmoduende", std::nullopt, 10000});
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    ASSERT_EQ(summary->imported, 6866);
    // Catalogue facts for two tracks, added after the import (so they do not
    // change the listens): Tusa energy 0.8 valence 0.9, Tutu 0.4 / 0.5.
    auto& tracks = svc_->service().store().tracks();
    ASSERT_TRUE(tracks.Upsert(Meta("KAROL G", "Tusa", 0.8, 0.9, {"reggaeton"})).ok());
    ASSERT_TRUE(tracks.Upsert(Meta("Camilo", "Tutu", 0.4, 0.5, {"pop", "reggaeton"})).ok());
    token_ = svc_->service().jwt().Issue(importer.user_id().ToHex(), "cosmoduende");
  }
  static void TearDownTestSuite() {
    delete svc_;
    svc_ = nullptr;
  }

  static model::TrackMetadata Meta(const char* artist, const char* name, double energy, double valence,
                                   std::vector<std::string> genres) {
    model::TrackMetadata t;
    t.spotify_id = ingest::LocalTrackId(artist, name);
    t.name = name;
    t.artists = {{"", artist}};
    model::AudioFeatures f;
    f.energy = energy;
    f.valence = valence;
    t.audio_features = f;
    t.genres = std::move(genres);
    return t;
  }

  static HttpReply Get(const std::string& target) {
    return Fetch(svc_->port(), bhttp::verb::get, target, "", {{"Authorization", "Bearer " + token_}});
  }
  static json::object Report(const std::string& query) {
    auto r = Get("/api/analytics/report?" + query);
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.Json().at("data").as_object();
  }
  static std::string FieldOf(const HttpReply& r) {
    return std::string(r.Json().at("details").at("field").as_string());
  }

  static TestService* svc_;
  static std::string token_;
};
TestService* ListeningReportTest::svc_ = nullptr;
std::string ListeningReportTest::token_;

void ExpectRanked(const json::value& entry, const char* name_key, const char* name, int64_t plays,
                  int64_t previous) {
  EXPECT_EQ(entry.at(name_key).as_string(), name);
  EXPECT_EQ(entry.at("plays").as_int64(), plays) << name;
  EXPECT_EQ(entry.at("previousPlays").as_int64(), previous) << name;
}

json::value Clock(const json::object& report, size_t weekday, size_t hour) {
  return report.at("listeningClock").at("plays").as_array().at(weekday).as_array().at(hour);
}

TEST_F(ListeningReportTest, MonthOfJune2020MatchesTheFiguresComputedFromTheRawFile) {
  json::object r = Report("period=month&date=2020-06-15");
  EXPECT_EQ(r.at("period").at("start"), "2020-06-01");
  EXPECT_EQ(r.at("period").at("end"), "2020-06-30");
  EXPECT_EQ(r.at("plays"), 383);
  EXPECT_EQ(r.at("totalMs"), 65265608);
  EXPECT_EQ(r.at("minutesListened"), 1088);
  EXPECT_EQ(r.at("skips"), 94);
  EXPECT_EQ(r.at("distinctTracks"), 251);
  EXPECT_EQ(r.at("distinctArtists"), 138);
  EXPECT_EQ(r.at("previous").at("plays"), 212);
  EXPECT_EQ(r.at("previous").at("minutesListened"), 467);
  EXPECT_EQ(r.at("previous").at("distinctArtists"), 51);
  EXPECT_DOUBLE_EQ(r.at("change").at("playsPercent").as_double(), 80.7);  // 383 vs 212

  const auto& artists = r.at("topArtists").as_array();
  ASSERT_EQ(artists.size(), 10u);
  ExpectRanked(artists[0], "artist", "Jarabe De Palo", 71, 0);
  EXPECT_TRUE(artists[0].at("changePercent").is_null());
  ExpectRanked(artists[1], "artist", "Bob Marley & The Wailers", 48, 0);
  ExpectRanked(artists[2], "artist", "Banda MS de Sergio Lizárraga", 16, 6);
  EXPECT_DOUBLE_EQ(artists[2].at("changePercent").as_double(), 166.7);
  ExpectRanked(artists[4], "artist", "Danna Paola", 12, 45);
  EXPECT_DOUBLE_EQ(artists[4].at("changePercent").as_double(), -73.3);
  ExpectRanked(artists[9], "artist", "Mon Laferte", 5, 0);  // ties at 5 by name

  const auto& tracks = r.at("topTracks").as_array();
  ExpectRanked(tracks[0], "trackName", "No Me Conoce - Remix", 6, 9);
  ExpectRanked(tracks[1], "trackName", "Tusa", 6, 21);
  ExpectRanked(tracks[2], "trackName", "Tutu", 6, 17);
  EXPECT_EQ(tracks[1].at("artist"), "KAROL G");
  EXPECT_EQ(tracks[1].at("trackId").as_string(), ingest::LocalTrackId("KAROL G", "Tusa"));

  const auto& genres = r.at("topGenres").as_array();  // only Tusa and Tutu have genres
  ASSERT_EQ(genres.size(), 2u);
  ExpectRanked(genres[0], "genre", "reggaeton", 12, 38);
  ExpectRanked(genres[1], "genre", "pop", 6, 17);

  EXPECT_EQ(r.at("newArtists").at("count"), 49);
  const auto& fresh = r.at("newArtists").at("top").as_array();
  EXPECT_EQ(fresh[0].at("artist"), "Lolabúm");
  EXPECT_EQ(fresh[0].at("plays"), 4);
  EXPECT_EQ(fresh[0].at("firstPlayedAt"), "2020-06-26T23:50:55.820Z");
  EXPECT_EQ(fresh[3].at("artist"), "The Wailers");

  EXPECT_EQ(Clock(r, 1, 20), 28);  // Tuesday 20:00–21:00 UTC, the busiest hour
  EXPECT_EQ(r.at("longestStreak").at("days"), 10);
  EXPECT_EQ(r.at("longestStreak").at("start"), "2020-06-05");
  EXPECT_EQ(r.at("longestStreak").at("end"), "2020-06-14");

  const auto& skipped = r.at("mostSkipped").as_array();
  EXPECT_EQ(skipped[0].at("trackName"), "No Me Conoce - Remix");
  EXPECT_EQ(skipped[0].at("skips"), 3);
  EXPECT_EQ(skipped[0].at("plays"), 6);
  EXPECT_EQ(skipped[2].at("trackName"), "Oye Pablo");

  // Tusa ×6 and Tutu ×6 in June; up to June's end Tusa ×147, Tutu ×124.
  EXPECT_DOUBLE_EQ(r.at("mood").at("energy").at("period").as_double(), 0.6);
  EXPECT_DOUBLE_EQ(r.at("mood").at("energy").at("allTime").as_double(), 0.617);
  EXPECT_DOUBLE_EQ(r.at("mood").at("valence").at("period").as_double(), 0.7);
  EXPECT_DOUBLE_EQ(r.at("mood").at("valence").at("allTime").as_double(), 0.717);
}

TEST_F(ListeningReportTest, IsoWeekAndYear) {
  json::object week = Report("period=week&date=2020-06-17");  // Wednesday: the week of Monday 15 June
  EXPECT_EQ(week.at("period").at("start"), "2020-06-15");
  EXPECT_EQ(week.at("period").at("end"), "2020-06-21");
  EXPECT_EQ(week.at("plays"), 35);
  EXPECT_EQ(week.at("minutesListened"), 67);
  EXPECT_EQ(week.at("skips"), 16);
  EXPECT_EQ(week.at("distinctTracks"), 33);
  EXPECT_EQ(week.at("distinctArtists"), 27);
  EXPECT_EQ(week.at("previous").at("plays"), 204);
  ExpectRanked(week.at("topArtists").as_array().at(0), "artist", "Banda MS de Sergio Lizárraga", 4, 5);
  EXPECT_EQ(week.at("newArtists").at("count"), 2);
  EXPECT_EQ(Clock(week, 6, 16), 21);  // Sunday 16:00 UTC
  EXPECT_EQ(week.at("longestStreak").at("days"), 1);

  json::object year = Report("period=year&date=2020-06-15");
  EXPECT_EQ(year.at("plays"), 6816);
  EXPECT_EQ(year.at("totalMs"), 1113834713);
  EXPECT_EQ(year.at("minutesListened"), 18564);
  EXPECT_EQ(year.at("skips"), 1705);
  EXPECT_EQ(year.at("distinctTracks"), 2947);
  EXPECT_EQ(year.at("distinctArtists"), 1262);
  EXPECT_EQ(year.at("newArtists").at("count"), 1262);  // the history starts in January 2020
  EXPECT_TRUE(year.at("change").at("playsPercent").is_null());
  ExpectRanked(year.at("topArtists").as_array().at(0), "artist", "Danna Paola", 482, 0);
  ExpectRanked(year.at("topTracks").as_array().at(0), "trackName", "Tusa", 178, 0);
  EXPECT_EQ(year.at("mostSkipped").as_array().at(0).at("skips"), 74);
  EXPECT_EQ(year.at("longestStreak").at("days"), 20);
  EXPECT_EQ(year.at("longestStreak").at("start"), "2020-01-27");
  EXPECT_EQ(Clock(year, 2, 23), 186);  // Wednesday 23:00 UTC
}

TEST_F(ListeningReportTest, SvgCardIsSelfContained) {
  auto r = Get("/api/analytics/report.svg?period=month&date=2020-06-15");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.Header("Content-Type").rfind("image/svg+xml", 0), 0u);
  EXPECT_EQ(r.body.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(r.body.find("1088 minutes"), std::string::npos);
  EXPECT_NE(r.body.find("Bob Marley &amp; The Wailers (48)"), std::string::npos);
  EXPECT_EQ(r.body.find("href"), std::string::npos);  // no external fonts, images or links
  EXPECT_EQ(r.body.find("@import"), std::string::npos);
}

TEST_F(ListeningReportTest, BadPeriodOrDateIsAValidationError) {
  for (auto [query, field] : {std::pair{"period=day", "period"}, std::pair{"period=month&date=2020-13-01", "date"},
                              std::pair{"date=2020-02-30", "date"}, std::pair{"date=yesterday", "date"}}) {
    auto r = Get(std::string("/api/analytics/report?") + query);
    EXPECT_EQ(r.status, 400u) << query;
    EXPECT_EQ(r.Json().at("code"), "VALIDATION_ERROR");
    EXPECT_EQ(FieldOf(r), field) << query;
  }
  EXPECT_EQ(Fetch(svc_->port(), bhttp::verb::get, "/api/analytics/report").status, 401u);
  json::object empty = Report("period=year&date=2015-01-01");  // nothing then
  EXPECT_EQ(empty.at("plays"), 0);
  EXPECT_TRUE(empty.at("topArtists").as_array().empty());
  EXPECT_TRUE(empty.at("mood").at("energy").at("period").is_null());
}

}  // namespace
}  // namespace echotune::e2e
