// Parsing of single CSV cell values. Each returns nullopt for a missing value and
// an Error-free "invalid" signal (via std::optional inside ParsedValue) for text that
// is present but cannot be read, so the caller decides between skipping and failing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace echotune::ingest {

// A cell is missing when empty (after trimming spaces) or an unquoted R-style NA/NaN/null.
bool IsMissingValue(std::string_view text, bool quoted);

// Outcome of reading a present cell: a value, or invalid text.
template <typename T>
struct ParsedValue {
  std::optional<T> value;  // nullopt with invalid == false means "missing"
  bool invalid = false;
};

// Decimal numbers, with exponent ("4.79e-06", "4.79E-06"), leading '+', surrounding spaces.
ParsedValue<double> ParseNumber(std::string_view text, bool quoted = false);
// Integers; also accepts "123.0" and "1.5e5" when the value is integral.
ParsedValue<long long> ParseInteger(std::string_view text, bool quoted = false);
// true/false, 1/0, yes/no, t/f in any case.
ParsedValue<bool> ParseBoolean(std::string_view text, bool quoted = false);

// Year of a full or partial date: "2019-06-14", "2019-06", "2019", "14/06/2019",
// "2019-06-14T00:00:00Z". nullopt when no plausible year (1000..2999) is found.
std::optional<int> ReleaseYearOf(std::string_view date);

// A list cell: Python/JSON list syntax "['a', 'b']" or text separated by `separators`.
// Items are trimmed; empty items dropped.
std::vector<std::string> SplitList(std::string_view text, std::string_view separators);

std::string_view Trim(std::string_view text);

}  // namespace echotune::ingest
