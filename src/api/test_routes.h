// Routes for the end-to-end suite only, mounted when ECHOTUNE_TEST_ROUTES is
// set: GET /api/_test/slow?ms=N (sleeps on a timer), GET /api/_test/throw
// (a handler that throws), GET /api/_test/worker (runs on the worker pool).
#pragma once

#include "core/worker_pool.h"
#include "http/router.h"
#include "recs/rec_engine.h"

namespace echotune::api {

void AddTestRoutes(http::Router& router, core::WorkerPool& workers);

// GET /api/_test/model/me: what this instance's recommendation model knows of
// the authenticated user: {ready, listens, tracks} (several-instance tests).
// REQUIRES: engine outlives the router.
void AddModelTestRoutes(http::Router& router, const recs::RecEngine& engine);

}  // namespace echotune::api
