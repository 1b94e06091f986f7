// Headers every response carries: security headers (in the manner of
// helmet) and CORS for the origins of CORS_ORIGINS.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"

namespace echotune::http {

void AddSecurityHeaders(RawResponse& res);

class CorsPolicy final {
 public:
  // origins: exact origins, or "*" for any. Empty = CORS off.
  explicit CorsPolicy(std::vector<std::string> origins) : origins_(std::move(origins)) {}

  bool Allows(std::string_view origin) const;
  // Adds Access-Control-Allow-Origin etc. when `origin` is allowed (the
  // headers of any response: the pipeline's, the Socket.IO endpoint's).
  void Apply(std::string_view origin, beast_http::fields& res) const;
  // True for an OPTIONS request with Origin and Access-Control-Request-Method.
  static bool IsPreflight(const RawRequest& req);
  // The 204 answer to a preflight (without CORS headers when not allowed).
  RawResponse Preflight(const RawRequest& req) const;
  // The headers of that answer, on a response of any body type.
  void ApplyPreflight(const RawRequest& req, beast_http::fields& res) const;

 private:
  const std::vector<std::string> origins_;
};

}  // namespace echotune::http
