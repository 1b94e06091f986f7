// /api/analytics/*: the user's listening analytics for a period (7d, 30d, 90d,
// all; default 30d) and the full data export (issue 7).
#pragma once

#include "api/api_context.h"
#include "http/router.h"

namespace echotune::api {

// REQUIRES: `ctx` outlives the router.
void AddAnalyticsRoutes(http::Router& router, ApiContext& ctx);

}  // namespace echotune::api
