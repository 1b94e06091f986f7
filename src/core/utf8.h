// UTF-8 validation of text from outside (URLs, headers) before it can reach
// a stored document or a JSON response, both of which must be valid UTF-8.
#pragma once

#include <string_view>

namespace echotune::core {

// True when `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF). Thread-safe, no allocation.
bool IsValidUtf8(std::string_view s);

}  // namespace echotune::core
