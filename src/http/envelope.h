// The response envelope of SYSTEM.md §7:
//   {"success": true, "data": …, "meta": {…}}
//   {"success": false, "error": "message", "code": "ERROR_CODE", "details": {…}}
// This is the one place where errors become HTTP.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "http/request.h"

namespace echotune::http {

std::string SuccessBody(const boost::json::value& data, const boost::json::object& meta);

// details carries the error's own details plus "requestId".
std::string ErrorBody(const core::Error& error, std::string_view request_id);

// A complete response for an error, with status from the code; a
// RATE_LIMITED error with an integer details.retryAfter also gets Retry-After.
RawResponse ErrorResponse(const core::Error& error, std::string_view request_id,
                          unsigned http_version, bool keep_alive);

// A complete response for a handler's reply (envelope unless raw_body is set).
RawResponse ReplyResponse(Reply reply, unsigned http_version, bool keep_alive);

}  // namespace echotune::http
