// GET/PATCH /api/user/settings: the user's preferences document (03-DATA-MODELS.md §6),
// cached under user:{userId}:prefs for an hour and invalidated by PATCH.
#pragma once

#include "api/api_context.h"
#include "http/router.h"

namespace echotune::api {

// REQUIRES: `ctx` outlives the router.
void AddSettingsRoutes(http::Router& router, ApiContext& ctx);

}  // namespace echotune::api
