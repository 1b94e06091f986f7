#include "http/access_log.h"

#include <spdlog/spdlog.h>

#include <charconv>

#include "core/clock.h"
#include "core/json_write.h"
#include "core/time_format.h"

namespace echotune::http {
namespace {

// The path is raw bytes of the request target (Beast accepts obs-text), so it
// may not be UTF-8: JsonQuote keeps the line valid JSON for every log shipper.
void AppendString(std::string& out, std::string_view s) { out += core::JsonQuote(s); }

}  // namespace

std::string FormatAccessLine(const AccessEntry& e) {
  std::string out;
  out.reserve(256);
  out += R"({"time":")";
  out += core::FormatIso8601(core::SystemClock::Instance().Now());
  out += R"(","level":")";
  out += e.status >= 500 ? "error" : (e.status >= 400 ? "warn" : "info");
  out += R"(","msg":"request","requestId":)";
  AppendString(out, e.request_id);
  out += R"(,"userId":)";
  if (e.user_id.empty()) {
    out += "null";
  } else {
    AppendString(out, e.user_id);
  }
  out += R"(,"method":)";
  AppendString(out, e.method);
  out += R"(,"path":)";
  AppendString(out, e.path);
  out += R"(,"status":)";
  out += std::to_string(e.status);
  out += R"(,"ms":)";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, e.ms, std::chars_format::fixed, 3);
  out.append(buf, end);
  out += '}';
  return out;
}

void LogAccess(const AccessEntry& e) {
  auto logger = spdlog::get("access");
  if (logger) logger->info(FormatAccessLine(e));
}

}  // namespace echotune::http
