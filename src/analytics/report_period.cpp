#include "analytics/report_period.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace echotune::analytics {
namespace {

using namespace std::chrono;

core::TimePoint At(year_month_day d) { return core::TimePoint(sys_days(d)); }

std::optional<year_month_day> ParseDay(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto num = [&](size_t from, size_t len, auto& out) {
    auto [p, ec] = std::from_chars(text.data() + from, text.data() + from + len, out);
    return ec == std::errc() && p == text.data() + from + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  year_month_day day{year(y), month(m), std::chrono::day(d)};
  if (!day.ok() || y < 1970) return std::nullopt;
  return day;
}

ReportPeriod Week(sys_days day) {
  // weekday: Sunday = 0; ISO weeks start on Monday.
  unsigned from_monday = (weekday(day).c_encoding() + 6) % 7;
  sys_days monday = day - days(from_monday);
  return {PeriodKind::kWeek, core::TimePoint(monday), core::TimePoint(monday + days(7)),
          core::TimePoint(monday - days(7))};
}

ReportPeriod Month(year_month_day d) {
  year_month first = d.year() / d.month();
  return {PeriodKind::kMonth, At(first / 1), At((first + months(1)) / 1), At((first - months(1)) / 1)};
}

ReportPeriod Year(year_month_day d) {
  return {PeriodKind::kYear, At(d.year() / January / 1), At((d.year() + years(1)) / January / 1),
          At((d.year() - years(1)) / January / 1)};
}

}  // namespace

std::string_view PeriodName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kWeek: return "week";
    case PeriodKind::kMonth: return "month";
    case PeriodKind::kYear: return "year";
  }
  return "month";
}

core::Result<ReportPeriod> MakeReportPeriod(std::optional<std::string_view> kind,
                                            std::optional<std::string_view> date, core::TimePoint now) {
  year_month_day day{floor<days>(now)};
  if (date) {
    auto parsed = ParseDay(*date);
    if (!parsed) return core::Error::Validation("date", "date must be a calendar day YYYY-MM-DD (1970 or later)");
    day = *parsed;
  }
  std::string_view name = kind.value_or("month");
  if (name == "week") return Week(sys_days(day));
  if (name == "month") return Month(day);
  if (name == "year") return Year(day);
  return core::Error::Validation("period", "period must be one of week, month, year");
}

std::string FormatDay(core::TimePoint t) {
  year_month_day d{floor<days>(t)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

}  // namespace echotune::analytics
