#include "analytics/report_period.h"

#include <gtest/gtest.h>

#include "core/time_format.h"

namespace echotune::analytics {
namespace {

core::TimePoint Day(const char* iso) { return *core::ParseIso8601(iso); }

TEST(MakeReportPeriod, WeekIsTheIsoWeekMondayFirst) {
  auto p = MakeReportPeriod("week", "2024-01-14", {});  // a Sunday
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->start, Day("2024-01-08"));
  EXPECT_EQ(p->end, Day("2024-01-15"));
  EXPECT_EQ(p->previous_start, Day("2024-01-01"));
  EXPECT_EQ(MakeReportPeriod("week", "2024-01-15", {})->start, Day("2024-01-15"));  // a Monday
}

TEST(MakeReportPeriod, MonthAndYearCrossYearBoundaries) {
  auto jan = MakeReportPeriod("month", "2024-01-31", {});
  EXPECT_EQ(jan->start, Day("2024-01-01"));
  EXPECT_EQ(jan->end, Day("2024-02-01"));
  EXPECT_EQ(jan->previous_start, Day("2023-12-01"));
  auto leap = MakeReportPeriod("month", "2024-02-29", {});
  ASSERT_TRUE(leap.ok());
  EXPECT_EQ(leap->end, Day("2024-03-01"));
  auto year = MakeReportPeriod("year", "2024-07-04", {});
  EXPECT_EQ(year->start, Day("2024-01-01"));
  EXPECT_EQ(year->end, Day("2025-01-01"));
  EXPECT_EQ(year->previous_start, Day("2023-01-01"));
}

TEST(MakeReportPeriod, DefaultsToThisMonth) {
  auto p = MakeReportPeriod(std::nullopt, std::nullopt, Day("2026-12-04T02:40:00Z"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->kind, PeriodKind::kMonth);
  EXPECT_EQ(p->start, Day("2026-12-01"));
  EXPECT_EQ(FormatDay(p->end), "2027-01-01");
}

TEST(MakeReportPeriod, RefusesUnknownPeriodsAndBadDates) {
  auto field = [](auto r) { return r.ok() ? std::string() : std::string(r.error().details.at("field").as_string()); };
  EXPECT_EQ(field(MakeReportPeriod("day", std::nullopt, {})), "period");
  for (const char* bad : {"2024-02-30", "2024-13-01", "24-01-01", "2024-1-01", "", "1969-12-31", "2024-01-01x"}) {
    EXPECT_EQ(field(MakeReportPeriod("month", bad, {})), "date") << bad;
  }
}

}  // namespace
}  // namespace echotune::analytics
