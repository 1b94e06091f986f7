// GET /api/recommendations and POST /api/recommendations/feedback (issue 7).
// Computed responses are cached serialised (recs:{userId}:…, 1 h) and served
// as is with meta.cached = true; cold-start answers (model still building)
// are not cached.
#pragma once

#include "api/api_context.h"
#include "http/router.h"
#include "recs/rec_engine.h"

namespace echotune::api {

// REQUIRES: ctx and engine outlive the router.
void AddRecommendationRoutes(http::Router& router, ApiContext& ctx, recs::RecEngine& engine);

}  // namespace echotune::api
