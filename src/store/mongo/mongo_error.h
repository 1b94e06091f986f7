// Turns libmongoc failures into EchoTune's one error model (STYLE.md "Errors"):
// duplicate key (11000/11001) -> CONFLICT, unreachable server -> SERVICE_UNAVAILABLE,
// everything else -> INTERNAL_ERROR. The message names the operation; the
// driver's text goes to the log side only through `message`, never tokens.
#pragma once

#include <bson/bson.h>

#include <string_view>

#include "core/error.h"

namespace echotune::store::mongo {

constexpr uint32_t kDuplicateKey = 11000;
constexpr uint32_t kDuplicateKeyLegacy = 11001;
constexpr uint32_t kIndexOptionsConflict = 85;
constexpr uint32_t kIndexKeySpecsConflict = 86;
constexpr uint32_t kNamespaceExists = 48;

bool IsDuplicateKey(const bson_error_t& error);
// Codes 85/86: an index of that name or key already exists with other options.
bool IsIndexConflict(const bson_error_t& error);
bool IsUnavailable(const bson_error_t& error);

// `what` names the failed operation, e.g. "insert into echotune_users".
core::Error FromBsonError(std::string_view what, const bson_error_t& error);

}  // namespace echotune::store::mongo
