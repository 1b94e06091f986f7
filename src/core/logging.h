// Logging: JSON lines on stdout, UTC times. Call InitLogging once at start;
// then use spdlog::info(...) etc. Never log tokens or secrets.
#pragma once

#include <string>

namespace echotune::core {

// Sets up the default logger ({"time","level","msg"} lines) and the "access"
// logger (lines pre-formatted by the HTTP layer), both on one stdout sink.
// level: trace, debug, info, warn, error, off. Idempotent.
void InitLogging(const std::string& level);

}  // namespace echotune::core
