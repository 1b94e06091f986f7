#include "http/response_headers.h"

namespace echotune::http {

void AddSecurityHeaders(RawResponse& res) {
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Cross-Origin-Resource-Policy", "same-origin");
  res.set("X-DNS-Prefetch-Control", "off");
  res.set("X-Permitted-Cross-Domain-Policies", "none");
  res.set("Strict-Transport-Security", "max-age=15552000; includeSubDomains");
  res.set("Content-Security-Policy",
          "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; "
          "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; "
          "object-src 'none'");
}

bool CorsPolicy::Allows(std::string_view origin) const {
  if (origin.empty()) return false;
  for (const auto& o : origins_) {
    if (o == "*" || o == origin) return true;
  }
  return false;
}

void CorsPolicy::Apply(std::string_view origin, beast_http::fields& res) const {
  if (!Allows(origin)) return;
  res.set(beast_http::field::access_control_allow_origin, origin);
  res.set(beast_http::field::access_control_allow_credentials, "true");
  res.set(beast_http::field::access_control_expose_headers,
          "X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset");
  res.set(beast_http::field::vary, "Origin");
}

bool CorsPolicy::IsPreflight(const RawRequest& req) {
  return req.method() == beast_http::verb::options &&
         req.find(beast_http::field::origin) != req.end() &&
         req.find(beast_http::field::access_control_request_method) != req.end();
}

void CorsPolicy::ApplyPreflight(const RawRequest& req, beast_http::fields& res) const {
  std::string_view origin = req[beast_http::field::origin];
  if (!Allows(origin)) return;
  Apply(origin, res);
  res.set(beast_http::field::access_control_allow_methods, "GET, POST, PUT, PATCH, DELETE, OPTIONS");
  res.set(beast_http::field::access_control_allow_headers, "Authorization, Content-Type, X-Request-Id");
  res.set(beast_http::field::access_control_max_age, "600");
}

RawResponse CorsPolicy::Preflight(const RawRequest& req) const {
  RawResponse res{beast_http::status::no_content, req.version()};
  ApplyPreflight(req, res);
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  return res;
}

}  // namespace echotune::http
