// The authenticated user of a request, as an ObjectId.
#pragma once

#include "core/object_id.h"
#include "core/result.h"
#include "http/request.h"

namespace echotune::api {

// REQUIRES: the route has auth = true (req.auth set). INVALID_TOKEN when the
// token's userId is not an ObjectId.
inline core::Result<core::ObjectId> RequestUserId(const http::Request& req) {
  auto id = req.auth ? core::ObjectId::Parse(req.auth->user_id) : std::nullopt;
  if (!id) return core::Error{core::ErrorCode::kInvalidToken, "the token's userId is not valid", {}};
  return *id;
}

}  // namespace echotune::api
