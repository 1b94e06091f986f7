// A shareable SVG card of a ListeningReport (GET /api/analytics/report.svg):
// 600×420, self-contained (generic font families only, no external
// references), text XML-escaped. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "analytics/listening_report.h"

namespace echotune::analytics {

std::string ReportSvg(const ListeningReport& report);

// `text` with &, <, >, " and ' escaped for XML.
std::string XmlEscape(std::string_view text);

}  // namespace echotune::analytics
