// Raw bytes → Beast's request parser with the server's limits (as
// http::Server reads a request) → http::Pipeline with a route table that
// exercises path parameters, the query string, JSON bodies and JWT auth, and
// the API's query-string parsers (recommendations, Spotify search and top).
// No sockets: the pipeline's coroutine runs on a private io_context.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <climits>
#include <prometheus/registry.h>

#include "api/recs_query.h"
#include "api/spotify_input.h"
#include "core/clock.h"
#include "core/config.h"
#include "fuzz/fuzz_util.h"
#include "http/pipeline.h"

namespace {

using namespace echotune;
namespace asio = boost::asio;
namespace bhttp = boost::beast::http;

asio::awaitable<http::HandlerResult> Echo(http::Request& req) {
  boost::json::object out;
  out["path"] = req.path;
  for (const auto& [k, v] : req.query) out[k] = v;
  for (const auto& [k, v] : req.params) out["param_" + k] = v;
  out["limit"] = req.Query("limit").value_or("");
  out["ua"] = req.Header("User-Agent");
  out["body"] = req.body;
  if (req.auth) out["user"] = req.auth->user_id;
  co_return http::Reply::Json(std::move(out));
}

// A handler that runs one of the API's request parsers.
template <typename Parse>
http::Handler Parsing(Parse parse) {
  return [parse](http::Request& req) -> asio::awaitable<http::HandlerResult> {
    auto parsed = parse(req);
    if (!parsed.ok()) co_return std::move(parsed).error();
    co_return http::Reply::Json(boost::json::object{{"ok", true}});
  };
}

struct Fixture {
  core::Config config;
  core::FakeClock clock{core::TimePoint(std::chrono::seconds(1'760'000'000))};
  http::Router router;
  prometheus::Registry registry;
  std::unique_ptr<http::RateLimiter> limiter;
  std::unique_ptr<http::JwtCodec> jwt;
  std::unique_ptr<http::HttpMetrics> metrics;
  std::unique_ptr<http::Pipeline> pipeline;
  asio::io_context io;

  Fixture() {
    config.cors_origins = {"http://localhost:5173"};
    config.trust_proxy = true;
    config.rate_limits = core::RateLimits{INT_MAX, INT_MAX, INT_MAX, INT_MAX, INT_MAX, 60};
    const std::pair<bhttp::verb, const char*> routes[] = {
        {bhttp::verb::get, "/api/health"},
        {bhttp::verb::get, "/api/playlists/{id}"},
        {bhttp::verb::patch, "/api/playlists/{id}"},
        {bhttp::verb::post, "/api/playlists/generate"},
        {bhttp::verb::get, "/api/recommendations"},
        {bhttp::verb::post, "/api/chat/sessions/{id}/messages"},
        {bhttp::verb::put, "/api/settings"},
        {bhttp::verb::post, "/api/auth/login"},
    };
    for (const auto& [method, pattern] : routes) {
      std::string p = pattern;
      router.Add(http::RouteSpec{.method = method, .pattern = p,
                                 .auth = p.find("health") == std::string::npos &&
                                         p.find("auth") == std::string::npos,
                                 .handler = Echo});
    }
    router.Add(http::RouteSpec{.method = bhttp::verb::get, .pattern = "/api/recommendations/preview",
                               .handler = Parsing([](http::Request& req) {
                                 auto q = api::ParseRecsQuery(req);
                                 if (q.ok()) (void)api::RecsCacheKey("u", *q), (void)api::ToRecRequest("u", *q);
                                 return q;
                               })});
    router.Add(http::RouteSpec{.method = bhttp::verb::get, .pattern = "/api/spotify/search",
                               .handler = Parsing(api::ParseSearch)});
    router.Add(http::RouteSpec{.method = bhttp::verb::get, .pattern = "/api/spotify/top",
                               .handler = Parsing(api::ParseTop)});
    router.Add(http::RouteSpec{.method = bhttp::verb::put, .pattern = "/api/spotify/play",
                               .handler = Parsing([](http::Request& req) { return api::ParsePlay(req.body); })});
    std::vector<std::string> patterns;
    for (const auto& r : router.routes()) patterns.push_back(r.pattern);
    limiter = std::make_unique<http::RateLimiter>(config.rate_limits, clock);
    jwt = std::make_unique<http::JwtCodec>("fuzz-secret", 3600, clock);
    metrics = std::make_unique<http::HttpMetrics>(registry, patterns);
    pipeline = std::make_unique<http::Pipeline>(config, router, *limiter, *jwt, *metrics);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture f;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<uint32_t>(f.config.max_header_bytes));
  parser.body_limit(f.config.max_body_bytes);
  parser.eager(true);
  boost::beast::error_code ec;
  size_t used = 0;
  while (used < size && !parser.is_done()) {
    size_t n = parser.put(asio::buffer(data + used, size - used), ec);
    if (ec == bhttp::error::need_more) break;
    if (ec) return 0;
    if (n == 0) break;
    used += n;
  }
  if (!parser.is_done()) {
    if (!parser.got_some()) return 0;  // the server reads nothing more: the client went away
    parser.put_eof(ec);
    if (ec || !parser.is_done()) return 0;
  }
  auto future = asio::co_spawn(f.io, f.pipeline->Handle(parser.get(), "127.0.0.1"), asio::use_future);
  f.io.restart();
  f.io.run();
  http::RawResponse res = future.get();
  // SYSTEM.md §10: bad input gets a 4xx. The pipeline turns an exception
  // escaping parsing into a 500, which the handlers here never cause.
  if (res.result_int() >= 500) __builtin_trap();
  return 0;
}
