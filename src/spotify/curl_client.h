// The outbound HTTP request and response of AsyncHttpClient, and the small
// pure helpers around them (Retry-After, form and URL encoding).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace echotune::spotify {

struct HttpRequest {
  std::string method = "GET";  // "GET" or "POST" (anything else is sent as a custom method)
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent when non-empty or when method is POST
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::optional<long> retry_after_s;  // the Retry-After header, when numeric
};

// The seconds of a "Retry-After: N" header line (any case, CRLF allowed);
// nullopt for any other line or a non-numeric value.
std::optional<long> RetryAfterFromHeaderLine(std::string_view line);

// application/x-www-form-urlencoded body from name/value pairs.
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);
// RFC 3986 percent-encoding of everything but unreserved characters.
std::string UrlEncode(std::string_view text);

}  // namespace echotune::spotify
