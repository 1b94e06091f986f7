// CurlClient: a small blocking HTTP client over libcurl for the Spotify
// accounts service and Web API. Calls block: run them on the WorkerPool.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

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

// Thread-safe: each Send uses its own easy handle (RAII). Never throws.
class CurlClient final {
 public:
  explicit CurlClient(std::chrono::milliseconds timeout = std::chrono::seconds(10),
                      std::chrono::milliseconds connect_timeout = std::chrono::seconds(5));

  // The response for any HTTP status; UNAVAILABLE when the request could not
  // be made at all (connection refused, timeout, bad URL).
  core::Result<HttpResponse> Send(const HttpRequest& request) const;

 private:
  const std::chrono::milliseconds timeout_;
  const std::chrono::milliseconds connect_timeout_;
};

// The seconds of a "Retry-After: N" header line (any case, CRLF allowed);
// nullopt for any other line or a non-numeric value.
std::optional<long> RetryAfterFromHeaderLine(std::string_view line);

// application/x-www-form-urlencoded body from name/value pairs.
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);
// RFC 3986 percent-encoding of everything but unreserved characters.
std::string UrlEncode(std::string_view text);

}  // namespace echotune::spotify
