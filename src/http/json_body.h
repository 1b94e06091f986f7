// Request bodies: JSON only, and no key may start with '$' or contain '.'
// (they would turn into MongoDB operators or paths). Nor may any key, at any
// depth, be a field the server owns (userId, _id, createdAt, spotifyId, the
// tokens, ...: see IsServerOwnedField): no request can mass-assign them.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "core/result.h"

namespace echotune::http {

// Parses `text` as JSON (depth ≤ 32, valid UTF-8). Errors are
// VALIDATION_ERROR: field "body" for malformed JSON, or the path of the first
// forbidden key (e.g. "filter.$where", "listens[0].userId").
core::Result<boost::json::value> ParseJsonBody(std::string_view text);

// The path of the first forbidden key in v, or empty when there is none.
std::string FindForbiddenKey(const boost::json::value& v);

// True for the keys of the data contract that only the server sets: ids,
// owners, timestamps and credentials (03-DATA-MODELS.md).
bool IsServerOwnedField(std::string_view key);

}  // namespace echotune::http
