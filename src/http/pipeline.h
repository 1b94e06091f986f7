// Pipeline: turns one parsed HTTP request into one response, running the
// middleware in the order of issue 2: request id → access log → security
// headers → CORS → rate limits → routing → JSON body → JWT auth → handler.
// Any exception escaping a handler becomes 500 INTERNAL_ERROR with the request id.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <optional>
#include <string_view>

#include "core/config.h"
#include "http/http_metrics.h"
#include "http/jwt_codec.h"
#include "http/rate_limiter.h"
#include "http/response_headers.h"
#include "http/router.h"

namespace echotune::http {

struct PipelineHooks {
  // True when the token was revoked (logout) or its user no longer exists. Optional.
  std::function<boost::asio::awaitable<bool>(const AuthContext&)> is_revoked;
  // Answers GET/HEAD requests for paths no route has (the web UI, see
  // StaticSite) before rate limiting; nullopt = the JSON 404. Optional;
  // must not block.
  std::function<std::optional<RawResponse>(const RawRequest&, std::string_view path)> fallback;
};

// Thread-safe once constructed; references must outlive it.
class Pipeline final {
 public:
  Pipeline(const core::Config& config, const Router& router, RateLimiter& limiter,
           const JwtCodec& jwt, HttpMetrics& metrics, PipelineHooks hooks = {});

  // peer_ip: the socket's remote address.
  boost::asio::awaitable<RawResponse> Handle(const RawRequest& req, std::string_view peer_ip);

 private:
  struct Outcome {
    RawResponse response;
    size_t route_index;
    std::string user_id;
  };
  boost::asio::awaitable<Outcome> Route(const RawRequest& req, std::string_view path,
                                        std::string_view client_ip,
                                        const std::string& request_id);
  boost::asio::awaitable<core::Result<AuthContext>> Authenticate(const RawRequest& req);
  std::string ClientAddress(const RawRequest& req, std::string_view peer_ip) const;
  RawResponse RateLimited(const RawRequest& req, const RateDecision& d,
                          const std::string& request_id) const;

  const core::Config& config_;
  const Router& router_;
  RateLimiter& limiter_;
  const JwtCodec& jwt_;
  HttpMetrics& metrics_;
  const CorsPolicy cors_;
  const PipelineHooks hooks_;
};

// Percent-decodes a query component ('+' is a space). Invalid escapes are kept as is.
std::string PercentDecode(std::string_view s);
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace echotune::http
