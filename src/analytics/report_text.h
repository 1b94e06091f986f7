// The terminal form of a ListeningReport (`echotune report`): plain text,
// aligned columns, one section per part of the report. Pure; thread-safe.
#pragma once

#include <string>

#include "analytics/listening_report.h"

namespace echotune::analytics {

std::string ReportText(const ListeningReport& report);

}  // namespace echotune::analytics
