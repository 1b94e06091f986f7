#include "http/pipeline.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/utf8.h"
#include "http/access_log.h"
#include "http/envelope.h"
#include "http/json_body.h"
#include "http/request_id.h"

namespace echotune::http {
namespace {

using Clock = std::chrono::steady_clock;

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

core::Error PlainError(core::ErrorCode code, std::string message) {
  return core::Error{code, std::move(message), {}};
}

// Query values and path segments reach stored documents (a search query in
// an analytics event) and error messages, which are JSON and so must be
// UTF-8: one invalid byte stored would make every later read of the document
// fail. Percent-decoding can produce such bytes from an ASCII target.
std::optional<core::Error> NotUtf8(std::string_view target,
                                   const std::vector<std::pair<std::string, std::string>>& query) {
  if (!core::IsValidUtf8(target)) {
    return core::Error::Validation("path", "The request target must be valid UTF-8");
  }
  for (const auto& [name, value] : query) {
    if (!core::IsValidUtf8(name)) {
      return core::Error::Validation("query", "Query parameter names must be valid UTF-8");
    }
    if (!core::IsValidUtf8(value)) return core::Error::Validation(name, name + " must be valid UTF-8");
  }
  return std::nullopt;
}

}  // namespace

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && HexDigit(s[i + 1]) >= 0 && HexDigit(s[i + 2]) >= 0) {
      out += static_cast<char>(HexDigit(s[i + 1]) << 4 | HexDigit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    auto eq = item.find('=');
    out.emplace_back(PercentDecode(item.substr(0, eq)),
                     eq == std::string_view::npos ? "" : PercentDecode(item.substr(eq + 1)));
  }
  return out;
}

Pipeline::Pipeline(const core::Config& config, const Router& router, RateLimiter& limiter,
                   const JwtCodec& jwt, HttpMetrics& metrics, PipelineHooks hooks)
    : config_(config), router_(router), limiter_(limiter), jwt_(jwt), metrics_(metrics),
      cors_(config.cors_origins), hooks_(std::move(hooks)) {}

std::string Pipeline::ClientAddress(const RawRequest& req, std::string_view peer_ip) const {
  if (config_.trust_proxy) {
    std::string_view xff = req["X-Forwarded-For"];
    xff = xff.substr(0, xff.find(','));
    while (!xff.empty() && xff.front() == ' ') xff.remove_prefix(1);
    while (!xff.empty() && xff.back() == ' ') xff.remove_suffix(1);
    if (!xff.empty()) return std::string(xff);
  }
  return std::string(peer_ip);
}

boost::asio::awaitable<RawResponse> Pipeline::Handle(const RawRequest& req,
                                                     std::string_view peer_ip) {
  const auto start = Clock::now();
  const std::string request_id = RequestIdFor(req["X-Request-Id"]);
  std::string_view target = req.target();
  std::string_view path = target.substr(0, target.find('?'));
  metrics_.RequestStarted();
  Outcome out{RawResponse{}, router_.routes().size(), {}};
  try {
    if (CorsPolicy::IsPreflight(req)) {
      out.response = cors_.Preflight(req);
    } else {
      out = co_await Route(req, path, ClientAddress(req, peer_ip), request_id);
    }
  } catch (const std::exception& e) {
    spdlog::error("unhandled exception in {} {} (requestId {}): {}",
                  std::string(req.method_string()), std::string(path), request_id, e.what());
    out.response = ErrorResponse(PlainError(core::ErrorCode::kInternalError,
                                            "Internal server error"),
                                 request_id, req.version(), req.keep_alive());
  }
  RawResponse& res = out.response;
  res.set("X-Request-Id", request_id);
  AddSecurityHeaders(res);
  cors_.Apply(req[beast_http::field::origin], res);
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  metrics_.RequestFinished(out.route_index, res.result_int(), ms / 1000.0);
  LogAccess(AccessEntry{request_id, out.user_id, req.method_string(), path, res.result_int(), ms});
  co_return std::move(res);
}

RawResponse Pipeline::RateLimited(const RawRequest& req, const RateDecision& d,
                                  const std::string& request_id) const {
  core::Error e = PlainError(core::ErrorCode::kRateLimited,
                             "Too many requests, retry in " + std::to_string(d.retry_after_s) + " s");
  e.details["retryAfter"] = d.retry_after_s;
  return ErrorResponse(e, request_id, req.version(), req.keep_alive());
}

boost::asio::awaitable<Pipeline::Outcome> Pipeline::Route(const RawRequest& req,
                                                          std::string_view path,
                                                          std::string_view client_ip,
                                                          const std::string& request_id) {
  const size_t unmatched = router_.routes().size();
  auto fail = [&](const core::Error& e) {
    return Outcome{ErrorResponse(e, request_id, req.version(), req.keep_alive()), unmatched, {}};
  };
  if (hooks_.fallback &&
      (req.method() == beast_http::verb::get || req.method() == beast_http::verb::head) &&
      std::holds_alternative<PathNotFound>(router_.Find(req.method(), path))) {
    if (auto res = hooks_.fallback(req, path)) co_return Outcome{std::move(*res), unmatched, {}};
  }
  RateDecision decision = limiter_.Check(client_ip, path);
  if (!decision.allowed) co_return Outcome{RateLimited(req, decision, request_id), unmatched, {}};

  std::string_view target = req.target();
  auto qpos = target.find('?');
  auto query = qpos == std::string_view::npos ? decltype(Request::query){} : ParseQuery(target.substr(qpos + 1));
  if (auto bad = NotUtf8(target, query)) co_return fail(*bad);

  RouteLookup lookup = router_.Find(req.method(), path);
  if (std::holds_alternative<PathNotFound>(lookup)) {
    co_return fail(core::Error::NotFound("No route for " + std::string(path)));
  }
  if (auto* m = std::get_if<MethodNotAllowed>(&lookup)) {
    Outcome o = fail(PlainError(core::ErrorCode::kMethodNotAllowed,
                                std::string(req.method_string()) + " is not allowed on " +
                                    std::string(path)));
    o.response.set(beast_http::field::allow, m->allow);
    co_return o;
  }
  auto& match = std::get<RouteMatch>(lookup);
  const size_t route_index = static_cast<size_t>(match.route - router_.routes().data());

  Request request{req, path, std::move(query), std::move(match.params), nullptr, request_id,
                  std::string(client_ip), {}};
  if (!req.body().empty()) {
    auto body = ParseJsonBody(req.body());
    if (!body.ok()) co_return fail(body.error());
    request.body = std::move(body).value();
  }
  if (match.route->auth) {
    auto auth = co_await Authenticate(req);
    if (!auth.ok()) co_return fail(auth.error());
    request.auth = std::move(auth).value();
  }
  HandlerResult result = co_await match.route->handler(request);
  std::string user_id = request.auth ? request.auth->user_id : std::string();
  if (!result.ok()) {
    Outcome o = fail(result.error());
    o.route_index = route_index;
    o.user_id = std::move(user_id);
    co_return o;
  }
  RawResponse res = ReplyResponse(std::move(result).value(), req.version(), req.keep_alive());
  if (decision.limit > 0) {
    res.set("RateLimit-Limit", std::to_string(decision.limit));
    res.set("RateLimit-Remaining", std::to_string(decision.remaining));
    res.set("RateLimit-Reset", std::to_string(decision.reset_s));
  }
  if (req.method() == beast_http::verb::head) res.body().clear();
  co_return Outcome{std::move(res), route_index, std::move(user_id)};
}

boost::asio::awaitable<core::Result<AuthContext>> Pipeline::Authenticate(const RawRequest& req) {
  std::string_view header = req[beast_http::field::authorization];
  if (header.empty()) {
    co_return PlainError(core::ErrorCode::kMissingToken, "Authorization: Bearer <token> required");
  }
  std::string_view token = BearerToken(header);
  if (token.empty()) {
    co_return PlainError(core::ErrorCode::kInvalidToken, "Invalid token: not a Bearer token");
  }
  auto auth = jwt_.Verify(token);
  if (!auth.ok()) co_return auth;
  if (hooks_.is_revoked && co_await hooks_.is_revoked(*auth)) {
    co_return PlainError(core::ErrorCode::kInvalidToken, "Invalid token: revoked, or its user no longer exists");
  }
  co_return auth;
}

}  // namespace echotune::http
