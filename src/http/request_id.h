// Request ids: an incoming X-Request-Id is kept when it is 1–128 characters
// of [A-Za-z0-9._:-]; otherwise a fresh random 32-hex id is made.
#pragma once

#include <string>
#include <string_view>

namespace echotune::http {

bool IsValidRequestId(std::string_view id);
// Thread-safe (thread-local generator).
std::string NewRequestId();
std::string RequestIdFor(std::string_view incoming);

}  // namespace echotune::http
