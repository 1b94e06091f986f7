// The playlist endpoints of issue 7: generate from a prompt, list, get,
// search, patch. A playlist of another user is NOT_FOUND.
#pragma once

#include "api/api_context.h"
#include "http/router.h"
#include "recs/rec_engine.h"

namespace echotune::api {

// REQUIRES: ctx and engine outlive the router.
void AddPlaylistRoutes(http::Router& router, ApiContext& ctx, recs::RecEngine& engine);

}  // namespace echotune::api
