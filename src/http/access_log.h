// Structured logs: one JSON object per line on stdout (spdlog). The access
// log writes one line per request with the fields of issue 2.
#pragma once

#include <string>
#include <string_view>

namespace echotune::http {

struct AccessEntry {
  std::string_view request_id;
  std::string_view user_id;  // empty when anonymous
  std::string_view method;
  std::string_view path;
  unsigned status = 0;
  double ms = 0;
};

// {"time","level","msg":"request","requestId","userId","method","path","status","ms"}
std::string FormatAccessLine(const AccessEntry& e);
void LogAccess(const AccessEntry& e);

}  // namespace echotune::http
