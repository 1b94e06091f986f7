// The calendar period of a listening report (issue 16): the UTC ISO week
// (Monday first), month or year that contains a date, and the one before it.
// Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace echotune::analytics {

enum class PeriodKind { kWeek, kMonth, kYear };

struct ReportPeriod {
  PeriodKind kind = PeriodKind::kMonth;
  core::TimePoint start{};           // inclusive, 00:00 UTC
  core::TimePoint end{};             // exclusive: the next period's start
  core::TimePoint previous_start{};  // the previous period is [previous_start, start)
};

std::string_view PeriodName(PeriodKind kind);  // "week", "month", "year"

// `kind` "week", "month" or "year" (absent: "month"); `date` "YYYY-MM-DD"
// (absent: the day of `now`, UTC). VALIDATION_ERROR naming "period" or "date".
core::Result<ReportPeriod> MakeReportPeriod(std::optional<std::string_view> kind,
                                            std::optional<std::string_view> date, core::TimePoint now);

// "YYYY-MM-DD" of the UTC day of `t`.
std::string FormatDay(core::TimePoint t);

}  // namespace echotune::analytics
