// The JSON form of a ListeningReport (GET /api/analytics/report, docs/reports.md).
// Pure; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <optional>

#include "analytics/listening_report.h"

namespace echotune::analytics {

// Minutes of `ms`, rounded to the nearest whole minute.
int64_t Minutes(int64_t ms);
// 100 * (now - before) / before, one decimal; nullopt when before is 0.
std::optional<double> ChangePercent(int64_t now, int64_t before);

boost::json::object ReportJson(const ListeningReport& report);

}  // namespace echotune::analytics
