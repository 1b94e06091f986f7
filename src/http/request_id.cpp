#include "http/request_id.h"

#include "core/random.h"

namespace echotune::http {

bool IsValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() { return core::RandomHexId(); }

std::string RequestIdFor(std::string_view incoming) {
  return IsValidRequestId(incoming) ? std::string(incoming) : NewRequestId();
}

}  // namespace echotune::http
