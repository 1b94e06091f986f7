// UTF-8 validation of text from outside (URLs, headers) before it can reach
// a stored document, a JSON response or a log line, all of which must be
// valid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace echotune::core {

// True when `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF). Thread-safe, no allocation.
bool IsValidUtf8(std::string_view s);

// `s` with each ill-formed subsequence replaced by U+FFFD, one per maximal
// subpart (Unicode §3.9, the practice of WHATWG's decoder): "a\xffb" becomes
// "a\uFFFDb", a truncated "\xe2\x82" one U+FFFD. Well-formed text comes back
// unchanged. For text that is only shown (logs), never for ids or keys.
std::string ToValidUtf8(std::string_view s);

}  // namespace echotune::core
