// ISO-8601 UTC instants as they appear on the wire ("2024-01-15T14:20:00.000Z").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace echotune::core {

// Formats with millisecond precision and a trailing 'Z'.
std::string FormatIso8601(TimePoint t);

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z", "+HH:MM",
// "-HH:MM" or nothing (taken as UTC); also a space instead of 'T'.
// Returns nullopt on anything else, including out-of-range fields and dates
// TimePoint cannot hold (before 1677-09-21 or after 2262-04-11).
std::optional<TimePoint> ParseIso8601(std::string_view text);

// Milliseconds since the Unix epoch.
long long ToUnixMillis(TimePoint t);
TimePoint FromUnixMillis(long long ms);

}  // namespace echotune::core
