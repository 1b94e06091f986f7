// POST /api/history: record listens (issue 7). Thin handlers over RecsService.
// The user's cached recommendations are invalidated; every
// ModelConfig::listens_per_refresh new listens the engine's refresh hook asks
// `refresher` for fresh ones, which it computes once this request is done.
#pragma once

#include "api/api_context.h"
#include "api/recommendation_refresher.h"
#include "http/router.h"
#include "recs/rec_engine.h"

namespace echotune::api {

// REQUIRES: ctx, engine and refresher outlive the router.
void AddHistoryRoutes(http::Router& router, ApiContext& ctx, recs::RecEngine& engine,
                      RecommendationRefresher& refresher);

}  // namespace echotune::api
