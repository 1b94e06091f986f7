// The web UI of `echotune serve`: the built single-page app (web/dist) served
// at `/` through the pipeline's fallback (http::StaticSite).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/request.h"

namespace echotune::app {

using WebFallback =
    std::function<std::optional<http::RawResponse>(const http::RawRequest&, std::string_view)>;

// <source dir>/web/dist, the directory scripts/build-web writes (compiled in).
std::string DefaultWebDir();

// Loads ECHOTUNE_WEB_DIR (read through `getenv`, default ::getenv; else
// DefaultWebDir()) into memory. An explicitly set
// ECHOTUNE_WEB_DIR that holds no index.html is a VALIDATION_ERROR; a missing
// default build is only logged, and `/` then answers a short HTML page that
// says how to build the UI (the API works either way). Blocking: call at start.
core::Result<WebFallback> LoadWebUi(const char* (*getenv)(const char*) = nullptr);

}  // namespace echotune::app
