// POST /api/history: record listens (issue 7). Thin handlers over RecsService.
#pragma once

#include "api/api_context.h"
#include "http/router.h"
#include "recs/rec_engine.h"

namespace echotune::api {

// REQUIRES: ctx and engine outlive the router.
void AddHistoryRoutes(http::Router& router, ApiContext& ctx, recs::RecEngine& engine);

}  // namespace echotune::api
