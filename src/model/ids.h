// Parsing of ids that arrive as text (URL segments, JSON bodies, CLI flags).
#pragma once

#include <string_view>

#include "core/object_id.h"
#include "core/result.h"

namespace echotune::model {

// The ObjectId in `text` (exactly 24 hex digits), or VALIDATION_ERROR naming
// `field`. Never crashes on any input.
[[nodiscard]] core::Result<core::ObjectId> ParseId(std::string_view text,
                                                   std::string_view field = "id");

}  // namespace echotune::model
