#include "api/listening_stats.h"

#include <gtest/gtest.h>

#include "core/time_format.h"

namespace echotune::api {
namespace {

using namespace std::chrono_literals;

core::TimePoint At(const char* iso) { return *core::ParseIso8601(iso); }

TEST(ListeningStats, PeriodDefaultsTo30DaysAndRefusesOthers) {
  EXPECT_EQ(ParsePeriod(std::nullopt)->days, 30);
  EXPECT_EQ(ParsePeriod("7d")->days, 7);
  EXPECT_EQ(ParsePeriod("90d")->days, 90);
  EXPECT_FALSE(ParsePeriod("all")->days.has_value());
  auto bad = ParsePeriod("1y");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().details.at("field"), "period");
}

TEST(ListeningStats, PeriodStartIsDaysBeforeNowOrTheEpoch) {
  auto now = At("2024-03-31T12:00:00Z");
  EXPECT_EQ(PeriodStart(*ParsePeriod("7d"), now), At("2024-03-24T12:00:00Z"));
  EXPECT_EQ(PeriodStart(*ParsePeriod("all"), now), core::TimePoint{});
}

TEST(ListeningStats, LimitIsCheckedAgainstItsRange) {
  EXPECT_EQ(*ParseLimit(std::nullopt, "limit", 1, 20, 10), 10);
  EXPECT_EQ(*ParseLimit("20", "limit", 1, 20, 10), 20);
  EXPECT_FALSE(ParseLimit("0", "limit", 1, 20, 10).ok());
  EXPECT_FALSE(ParseLimit("21", "limit", 1, 20, 10).ok());
  EXPECT_FALSE(ParseLimit("5x", "limit", 1, 20, 10).ok());
}

TEST(ListeningStats, PercentageRoundsToTwoDecimals) {
  EXPECT_EQ(Percentage(1, 3), 33.33);
  EXPECT_EQ(Percentage(2, 3), 66.67);
  EXPECT_EQ(Percentage(5, 0), 0);
}

TEST(ListeningStats, SessionEndsAfterThirtyIdleMinutes) {
  // 10:00 3 min; 10:20 (17 idle) 3 min; 10:53 (30 idle exactly: same session) 2 min;
  // 11:26 (31 idle: new session) 4 min.
  std::vector<Play> plays = {{At("2024-01-01T10:00:00Z"), 180000},
                             {At("2024-01-01T10:20:00Z"), 180000},
                             {At("2024-01-01T10:53:00Z"), 120000},
                             {At("2024-01-01T11:26:00Z"), 240000}};
  SessionSummary s = SummariseSessions(plays);
  EXPECT_EQ(s.plays, 4);
  EXPECT_EQ(s.total_ms, 720000);
  EXPECT_EQ(s.sessions, 2);
  // Lengths: 10:00–10:55 = 55 min, 11:26–11:30 = 4 min; mean 29.5 min.
  EXPECT_EQ(s.average_session_ms, 1770000);
}

TEST(ListeningStats, NoPlaysNoSessions) {
  SessionSummary s = SummariseSessions({});
  EXPECT_EQ(s.sessions, 0);
  EXPECT_EQ(s.average_session_ms, 0);
}

TEST(ListeningStats, WeekdaysAreMondayBasedInUtc) {
  EXPECT_EQ(WeekdayIndex(At("1970-01-01T00:00:00Z")), 3);  // Thursday
  EXPECT_EQ(WeekdayIndex(At("2024-01-01T23:59:59Z")), 0);  // Monday
  EXPECT_EQ(WeekdayIndex(At("2024-01-07T00:00:00Z")), 6);  // Sunday
  EXPECT_EQ(kWeekdayNames[6], "Sunday");
}

TEST(ListeningStats, EnergyBucketsAverageByWeekday) {
  std::array<EnergyBucket, 7> b{};
  AddEnergy(b, At("2024-01-01T08:00:00Z"), 0.5);
  AddEnergy(b, At("2024-01-08T20:00:00Z"), 0.75);
  AddEnergy(b, At("2024-01-03T08:00:00Z"), 0.25);
  EXPECT_DOUBLE_EQ(*b[0].Average(), 0.625);
  EXPECT_EQ(b[0].plays, 2);
  EXPECT_DOUBLE_EQ(*b[2].Average(), 0.25);
  EXPECT_FALSE(b[1].Average().has_value());
}

TEST(ListeningStats, GenresCountEveryPlayForEachGenreOfItsTrack) {
  std::map<std::string, int64_t> plays = {{"t1", 3}, {"t2", 2}, {"t3", 5}};
  std::map<std::string, std::vector<std::string>> genres = {{"t1", {"rock", "indie"}},
                                                            {"t2", {"indie"}}};
  auto top = CountGenres(plays, genres, 10);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].genre, "indie");
  EXPECT_EQ(top[0].plays, 5);
  EXPECT_EQ(top[1].genre, "rock");
  EXPECT_EQ(top[1].plays, 3);
  EXPECT_EQ(CountGenres(plays, genres, 1).size(), 1u);
}

}  // namespace
}  // namespace echotune::api
