#include "store/sqlite/context.h"

#include <boost/json/parse.hpp>

#include "core/json_write.h"
#include "core/time_format.h"

namespace echotune::store::sqlite {

int64_t Context::NowMs() const { return Ms(clock.Now()); }

int64_t Ms(core::TimePoint t) { return core::ToUnixMillis(t); }
core::TimePoint FromMs(int64_t ms) { return core::FromUnixMillis(ms); }

std::string DocText(const boost::json::object& doc) { return core::JsonWrite(doc); }

core::Result<boost::json::value> ParseJsonText(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) return core::Error::Internal("stored document is not JSON: " + ec.message());
  return v;
}

core::Error Prefixed(core::Error error, const std::string& prefix) {
  if (error.code != core::ErrorCode::kValidationError) return error;
  std::string field = error.details.contains("field")
                          ? std::string(error.details["field"].as_string()) : "";
  error.details["field"] = prefix + field;
  error.message = prefix + error.message;
  return error;
}

core::Error NotFound(std::string_view what) {
  return core::Error::NotFound(std::string(what) + " not found");
}

}  // namespace echotune::store::sqlite
