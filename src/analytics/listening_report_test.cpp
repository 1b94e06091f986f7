#include "analytics/listening_report.h"

#include <gtest/gtest.h>

#include "core/time_format.h"

namespace echotune::analytics {
namespace {

core::TimePoint At(const char* iso) { return *core::ParseIso8601(iso); }

// A hand-made history (month of March 2024, previous: February):
//   2024-01-20 10:00 t0 "Old" by A          (before both periods)
//   2024-02-10 09:00 t1 "One" by B
//   2024-02-29 23:30 t0 "Old" by A
//   2024-03-01 00:10 t1 "One" by B   Friday 00h
//   2024-03-02 08:00 t2 "Two" by C   Saturday 08h, skipped   (C first heard)
//   2024-03-03 08:20 t2 "Two" by C   Sunday 08h
//   2024-03-05 21:00 t3 "Three" by D Tuesday 21h             (D first heard)
//   2024-04-01 00:00 t1 "One" by B   (after the period)
class ListeningReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Add("t0", "Old", "A", "2024-01-20T10:00:00Z");
    Add("t1", "One", "B", "2024-02-10T09:00:00Z");
    Add("t0", "Old", "A", "2024-02-29T23:30:00Z");
    Add("t1", "One", "B", "2024-03-01T00:10:00Z");
    Add("t2", "Two", "C", "2024-03-02T08:00:00Z", 1);
    Add("t2", "Two", "C", "2024-03-03T08:20:00Z");
    Add("t3", "Three", "D", "2024-03-05T21:00:00Z");
    Add("t1", "One", "B", "2024-04-01T00:00:00Z");
    log_.tracks()[0].energy = 0.2;
    log_.tracks()[2].energy = 0.8;
    log_.tracks()[2].genres = {"indie", "rock"};
    log_.tracks()[3].genres = {"rock"};
  }

  void Add(const char* id, const char* name, const char* artist, const char* at, int64_t skips = 0) {
    log_.Add(store::PlayRow{id, name, artist, At(at), 120000, skips});
  }

  ListeningReport March() { return BuildListeningReport(log_, *MakeReportPeriod("month", "2024-03-10", {})); }

  PlayLog log_;
};

TEST_F(ListeningReportTest, TotalsOfThePeriodAndThePreviousOne) {
  auto r = March();
  EXPECT_EQ(r.current.plays, 4);
  EXPECT_EQ(r.current.total_ms, 480000);
  EXPECT_EQ(r.current.skips, 1);
  EXPECT_EQ(r.current.distinct_tracks, 3);
  EXPECT_EQ(r.current.distinct_artists, 3);
  EXPECT_EQ(r.previous.plays, 2);
  EXPECT_EQ(r.previous.distinct_artists, 2);
}

TEST_F(ListeningReportTest, TopListsRankByPlaysThenNameWithPreviousPlays) {
  auto r = March();
  ASSERT_EQ(r.top_artists.size(), 3u);
  EXPECT_EQ(r.top_artists[0].name, "C");
  EXPECT_EQ(r.top_artists[0].plays, 2);
  EXPECT_EQ(r.top_artists[1].name, "B");  // B and D tie at 1: by name
  EXPECT_EQ(r.top_artists[1].previous_plays, 1);
  EXPECT_EQ(r.top_tracks[0].id, "t2");
  EXPECT_EQ(r.top_tracks[1].name, "One");
  ASSERT_EQ(r.top_genres.size(), 2u);
  EXPECT_EQ(r.top_genres[0].name, "rock");  // t2 ×2 + t3 ×1
  EXPECT_EQ(r.top_genres[0].plays, 3);
  EXPECT_EQ(r.top_genres[1].name, "indie");
  EXPECT_EQ(BuildListeningReport(log_, *MakeReportPeriod("month", "2024-03-10", {}), 1).top_artists.size(), 1u);
}

TEST_F(ListeningReportTest, NewDiscoveriesAreArtistsFirstHeardInThePeriod) {
  auto r = March();
  EXPECT_EQ(r.new_artist_count, 2);
  ASSERT_EQ(r.new_artists.size(), 2u);
  EXPECT_EQ(r.new_artists[0].artist, "C");
  EXPECT_EQ(r.new_artists[0].first_played, At("2024-03-02T08:00:00Z"));
  EXPECT_EQ(r.new_artists[1].artist, "D");
}

TEST_F(ListeningReportTest, ClockStreakAndSkips) {
  auto r = March();
  EXPECT_EQ(r.clock[4][0], 1);   // Friday 00h
  EXPECT_EQ(r.clock[5][8], 1);   // Saturday 08h
  EXPECT_EQ(r.clock[6][8], 1);   // Sunday 08h
  EXPECT_EQ(r.clock[1][21], 1);  // Tuesday 21h
  EXPECT_EQ(r.longest_streak.days, 3);  // 1–3 March (29 February is outside the period)
  EXPECT_EQ(r.longest_streak.first_day, At("2024-03-01"));
  EXPECT_EQ(r.longest_streak.last_day, At("2024-03-03"));
  ASSERT_EQ(r.most_skipped.size(), 1u);
  EXPECT_EQ(r.most_skipped[0].track_id, "t2");
  EXPECT_EQ(r.most_skipped[0].skips, 1);
  EXPECT_EQ(r.most_skipped[0].plays, 2);
}

TEST_F(ListeningReportTest, EnergyOfThePeriodAgainstAllTime) {
  auto r = March();
  EXPECT_DOUBLE_EQ(*r.energy.period, 0.8);               // two plays of t2
  EXPECT_DOUBLE_EQ(*r.energy.all_time, (0.2 * 2 + 0.8 * 2) / 4);  // t0 ×2, t2 ×2; April not yet
  EXPECT_FALSE(r.valence.period.has_value());
}

TEST_F(ListeningReportTest, AnEmptyPeriodHasZerosAndNoAverages) {
  auto r = BuildListeningReport(log_, *MakeReportPeriod("year", "2020-05-05", {}));
  EXPECT_EQ(r.current.plays, 0);
  EXPECT_TRUE(r.top_artists.empty());
  EXPECT_EQ(r.longest_streak.days, 0);
  EXPECT_FALSE(r.energy.period.has_value());
  EXPECT_FALSE(r.energy.all_time.has_value());
}

}  // namespace
}  // namespace echotune::analytics
