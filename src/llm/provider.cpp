#include "llm/provider.h"

namespace echotune::llm {

core::Error ProviderError(const std::string& provider, std::string reason, std::string message) {
  core::Error e{core::ErrorCode::kProviderUnavailable, provider + ": " + std::move(message), {}};
  e.details["provider"] = provider;
  e.details["reason"] = std::move(reason);
  return e;
}

bool IsCancelled(const core::Error& error) {
  const auto* r = error.details.if_contains("reason");
  return r && r->is_string() && r->as_string() == "cancelled";
}

}  // namespace echotune::llm
