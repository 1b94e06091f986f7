// Request bodies: JSON only, and no key may start with '$' or contain '.'
// (they would turn into MongoDB operators or paths).
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "core/result.h"

namespace echotune::http {

// Parses `text` as JSON (depth ≤ 32). Errors are VALIDATION_ERROR: field
// "body" for malformed JSON, or the path of the first forbidden key
// (e.g. "filter.$where").
core::Result<boost::json::value> ParseJsonBody(std::string_view text);

// The path of the first forbidden key in v, or empty when there is none.
std::string FindForbiddenKey(const boost::json::value& v);

}  // namespace echotune::http
