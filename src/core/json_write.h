// JSON text for the wire. Boost.JSON 1.81 prints doubles in exponent form
// ("8.1E-1"); clients expect 0.81, so every response goes through JsonWrite.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace echotune::core {

// Serialises like JavaScript's JSON.stringify: doubles in the shortest form
// that round-trips, fixed notation for 1e-6 <= |x| < 1e21; NaN/Inf as null.
std::string JsonWrite(const boost::json::value& v);
void JsonWriteTo(const boost::json::value& v, std::string& out);

// `text` as a JSON string literal, quotes included. Bytes that are not UTF-8
// become U+FFFD (Boost.JSON would copy them as they are and make the document
// invalid): for log lines, which quote outside text such as request paths.
std::string JsonQuote(std::string_view text);

// A double rounded to `decimals` places (for scores: 0.8123 rather than 0.81234567).
double RoundTo(double x, int decimals);

}  // namespace echotune::core
