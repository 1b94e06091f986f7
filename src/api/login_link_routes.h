// POST /auth/link: exchanges a one-time sign-in code of `echotune
// login-link` (see LoginCodes) for an EchoTune JWT. This is the only way in
// for the code; nothing in the API creates codes or hands out sessions.
#pragma once

#include "api/api_context.h"
#include "api/login_codes.h"
#include "http/router.h"

namespace echotune::api {

// Body {code}: 200 {token, user}; VALIDATION_ERROR naming "code" when it is
// missing or malformed; INVALID_TOKEN (401) when unknown, used or expired;
// the user deleted since is also INVALID_TOKEN. Rate-limited as /auth/*.
// REQUIRES: `ctx` and `codes` outlive the router.
void AddLoginLinkRoutes(http::Router& router, ApiContext& ctx, LoginCodes& codes);

}  // namespace echotune::api
