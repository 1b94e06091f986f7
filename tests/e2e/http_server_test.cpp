// Issue 2 over real HTTP on loopback: envelope, routing, limits, timeouts,
// middleware, auth, metrics and docs of an in-process `echotune serve`.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <thread>

#include "http/jwt_codec.h"
#include "tests/e2e/http_client.h"
#include "tests/e2e/test_service.h"

namespace echotune::e2e {
namespace {

using namespace std::chrono_literals;
// A user of `svc`'s store (a token for a user who does not exist is refused).
std::string StoredUser(TestService& svc) {
  model::User u;
  u.spotify_id = "sp";
  u.display_name = "sp";
  auto stored = svc.service().store().users().UpsertBySpotifyId(u);
  EXPECT_TRUE(stored.ok());
  return stored.ok() ? stored->id.ToHex() : std::string();
}

std::string Bearer(const std::string& token) { return "Bearer " + token; }

TEST(HttpServer, HealthAnswersInTheEnvelopeWithSecurityHeadersAndARequestId) {
  TestService svc;
  HttpReply r = Fetch(svc.port(), bhttp::verb::get, "/api/health");
  EXPECT_EQ(r.status, 200u);
  auto body = r.Json().as_object();
  EXPECT_EQ(body.at("success"), true);
  auto& data = body.at("data").as_object();
  EXPECT_EQ(data.at("status"), "healthy");
  EXPECT_EQ(data.at("version"), ECHOTUNE_VERSION);
  EXPECT_TRUE(data.at("uptime").is_number());
  EXPECT_TRUE(data.at("services").as_object().size() >= 1);
  for (auto& [name, s] : data.at("services").as_object()) {
    EXPECT_TRUE(s.as_object().contains("status")) << name;
    EXPECT_TRUE(s.as_object().contains("latencyMs")) << name;
  }
  // No catalogue, so no model yet: said, but not a fault.
  EXPECT_EQ(data.at("services").at("recommendations").at("status"), "empty");
  EXPECT_EQ(r.Header("X-Request-Id").size(), 32u);
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.Header("X-Frame-Options"), "DENY");
  EXPECT_FALSE(r.Header("Content-Security-Policy").empty());
}

TEST(HttpServer, ValidIncomingRequestIdIsEchoedAndInvalidOneReplaced) {
  TestService svc;
  auto r = Fetch(svc.port(), bhttp::verb::get, "/api/health", "", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(r.Header("X-Request-Id"), "abc-123");
  auto bad = Fetch(svc.port(), bhttp::verb::get, "/api/health", "", {{"X-Request-Id", "a b"}});
  EXPECT_NE(bad.Header("X-Request-Id"), "a b");
  EXPECT_EQ(bad.Header("X-Request-Id").size(), 32u);
}

TEST(HttpServer, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  TestService svc;
  auto r = Fetch(svc.port(), bhttp::verb::get, "/api/nothing-here");
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.Json().at("code"), "NOT_FOUND");
  EXPECT_EQ(r.Json().at("success"), false);
  auto m = Fetch(svc.port(), bhttp::verb::delete_, "/api/health");
  EXPECT_EQ(m.status, 405u);
  EXPECT_EQ(m.Header("Allow"), "GET");
  EXPECT_EQ(m.Json().at("code"), "METHOD_NOT_ALLOWED");
}

TEST(HttpServer, TwoMebibyteBodyGets413) {
  TestService svc;
  std::string big = "{\"a\":\"" + std::string(2 << 20, 'x') + "\"}";
  HttpConnection c(svc.port());
  std::string req = "POST /api/_test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "Content-Length: " + std::to_string(big.size()) + "\r\n\r\n";
  std::string out = c.Raw(req, 3s);
  EXPECT_NE(out.find("HTTP/1.1 413"), std::string::npos) << out.substr(0, 200);
  EXPECT_NE(out.find("PAYLOAD_TOO_LARGE"), std::string::npos);
}

TEST(HttpServer, GarbageRequestLineGets400AndAClosedConnection) {
  TestService svc;
  HttpConnection c(svc.port());
  std::string out = c.Raw("HELLO??? \x01\x02 nonsense\r\n\r\n", 3s);
  EXPECT_EQ(out.rfind("HTTP/1.1 400", 0), 0u) << out;
  EXPECT_NE(out.find("VALIDATION_ERROR"), std::string::npos);
}

TEST(HttpServer, OperatorKeyInBodyGets400NamingTheKey) {
  TestService svc;
  auto r = Fetch(svc.port(), bhttp::verb::post, "/api/_test/echo", R"({"q":{"$where":"1"}})");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.Json().at("code"), "VALIDATION_ERROR");
  EXPECT_EQ(r.Json().at("details").at("field"), "q.$where");
  auto dotted = Fetch(svc.port(), bhttp::verb::post, "/api/_test/echo", R"({"a.b":1})");
  EXPECT_EQ(dotted.status, 400u);
  auto ok = Fetch(svc.port(), bhttp::verb::post, "/api/_test/echo", R"({"score":0.25})");
  EXPECT_EQ(ok.status, 200u);
  EXPECT_EQ(ok.body, R"({"success":true,"data":{"score":0.25}})");
  auto malformed = Fetch(svc.port(), bhttp::verb::post, "/api/_test/echo", "{nope");
  EXPECT_EQ(malformed.status, 400u);
}

TEST(HttpServer, JwtAuthRefusesMissingExpiredTamperedAndAlgNoneTokens) {
  TestService svc;
  auto missing = Fetch(svc.port(), bhttp::verb::get, "/api/_test/me");
  EXPECT_EQ(missing.status, 401u);
  EXPECT_EQ(missing.Json().at("code"), "MISSING_TOKEN");

  const std::string user = StoredUser(svc);
  std::string good = svc.service().jwt().Issue(user, "sp");
  auto ok = Fetch(svc.port(), bhttp::verb::get, "/api/_test/me", "", {{"Authorization", Bearer(good)}});
  EXPECT_EQ(ok.status, 200u);
  EXPECT_EQ(ok.Json().at("data").at("userId"), user.c_str());

  core::FakeClock past(std::chrono::system_clock::now() - 48h);
  http::JwtCodec old("e2e-secret", 3600, past);
  http::JwtCodec other("not-the-secret", 3600, core::SystemClock::Instance());
  std::string tampered = good;
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  std::string none = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + good.substr(good.find('.') + 1,
      good.rfind('.') - good.find('.') - 1) + ".";
  for (const std::string& bad : {old.Issue(user, "sp"), other.Issue(user, "sp"), tampered, none,
                                 std::string("garbage")}) {
    auto r = Fetch(svc.port(), bhttp::verb::get, "/api/_test/me", "", {{"Authorization", Bearer(bad)}});
    EXPECT_EQ(r.status, 401u) << bad;
    EXPECT_EQ(r.Json().at("code"), "INVALID_TOKEN") << bad;
  }
}

TEST(HttpServer, SixthAuthRequestInTheWindowGets429WithRetryAfter) {
  TestService svc;
  for (int i = 0; i < 5; ++i) {
    EXPECT_NE(Fetch(svc.port(), bhttp::verb::get, "/auth/login").status, 429u);
  }
  auto r = Fetch(svc.port(), bhttp::verb::get, "/auth/login");
  EXPECT_EQ(r.status, 429u);
  EXPECT_EQ(r.Json().at("code"), "RATE_LIMITED");
  int retry = std::stoi(r.Header("Retry-After"));
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 900);
  // Other groups, health and metrics go on.
  EXPECT_EQ(Fetch(svc.port(), bhttp::verb::get, "/api/health").status, 200u);
}

TEST(HttpServer, HealthAndMetricsAreNeverRateLimited) {
  TestService svc({{"RATE_LIMIT_GLOBAL", "2"}});
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(Fetch(svc.port(), bhttp::verb::get, "/api/health").status, 200u);
    EXPECT_EQ(Fetch(svc.port(), bhttp::verb::get, "/metrics").status, 200u);
  }
  Fetch(svc.port(), bhttp::verb::get, "/api/docs");
  Fetch(svc.port(), bhttp::verb::get, "/api/docs");
  EXPECT_EQ(Fetch(svc.port(), bhttp::verb::get, "/api/docs").status, 429u);
}

TEST(HttpServer, ForwardedForIsTrustedOnlyWhenConfigured) {
  TestService trusted({{"TRUST_PROXY", "1"}, {"RATE_LIMIT_AUTH", "1"}});
  EXPECT_NE(Fetch(trusted.port(), bhttp::verb::get, "/auth/x", "", {{"X-Forwarded-For", "10.0.0.1"}}).status, 429u);
  EXPECT_NE(Fetch(trusted.port(), bhttp::verb::get, "/auth/x", "", {{"X-Forwarded-For", "10.0.0.2, 1.1.1.1"}}).status, 429u);
  EXPECT_EQ(Fetch(trusted.port(), bhttp::verb::get, "/auth/x", "", {{"X-Forwarded-For", "10.0.0.1"}}).status, 429u);

  TestService untrusted({{"RATE_LIMIT_AUTH", "1"}});
  EXPECT_NE(Fetch(untrusted.port(), bhttp::verb::get, "/auth/x", "", {{"X-Forwarded-For", "10.0.0.1"}}).status, 429u);
  EXPECT_EQ(Fetch(untrusted.port(), bhttp::verb::get, "/auth/x", "", {{"X-Forwarded-For", "10.0.0.2"}}).status, 429u);
}

TEST(HttpServer, CorsAllowsConfiguredOriginsAndAnswersPreflight) {
  TestService svc({{"CORS_ORIGINS", "http://app.local"}});
  auto r = Fetch(svc.port(), bhttp::verb::get, "/api/health", "", {{"Origin", "http://app.local"}});
  EXPECT_EQ(r.Header("Access-Control-Allow-Origin"), "http://app.local");
  auto other = Fetch(svc.port(), bhttp::verb::get, "/api/health", "", {{"Origin", "http://evil"}});
  EXPECT_EQ(other.Header("Access-Control-Allow-Origin"), "");
  auto pre = Fetch(svc.port(), bhttp::verb::options, "/api/playlists", "",
                   {{"Origin", "http://app.local"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(pre.status, 204u);
  EXPECT_NE(pre.Header("Access-Control-Allow-Methods").find("POST"), std::string::npos);
}

TEST(HttpServer, ExceptionInAHandlerIs500CarryingTheRequestIdAndTheServerLivesOn) {
  TestService svc;
  auto r = Fetch(svc.port(), bhttp::verb::get, "/api/_test/throw", "", {{"X-Request-Id", "req-42"}});
  EXPECT_EQ(r.status, 500u);
  EXPECT_EQ(r.Json().at("code"), "INTERNAL_ERROR");
  EXPECT_EQ(r.Json().at("details").at("requestId"), "req-42");
  EXPECT_EQ(r.Json().at("error"), "Internal server error");  // no internals leaked
  EXPECT_EQ(Fetch(svc.port(), bhttp::verb::get, "/api/health").status, 200u);
}

TEST(HttpServer, BlockingWorkRunsOnTheWorkerPoolAndResumesOnTheIoThread) {
  TestService svc;
  auto r = Fetch(svc.port(), bhttp::verb::get, "/api/_test/worker");
  EXPECT_EQ(r.Json().at("data").at("ranElsewhere"), true);
  EXPECT_EQ(r.Json().at("data").at("resumedOnIo"), true);
}

TEST(HttpServer, KeepAliveServesManyRequestsOnOneConnection) {
  TestService svc;
  HttpConnection c(svc.port());
  for (int i = 0; i < 20; ++i) EXPECT_EQ(c.Send(bhttp::verb::get, "/api/health").status, 200u);
}

TEST(HttpServer, IdleConnectionIsClosedAfterTheTimeout) {
  TestService svc({{"ECHOTUNE_IDLE_TIMEOUT_S", "1"}});
  HttpConnection c(svc.port());
  EXPECT_EQ(c.Send(bhttp::verb::get, "/api/health").status, 200u);
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.ClosedByPeer(5s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
}

TEST(HttpServer, TricklingRequestIsCutOffAtTheReadTimeout) {
  TestService svc({{"ECHOTUNE_READ_TIMEOUT_S", "1"}});
  HttpConnection c(svc.port());
  std::string request = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  auto start = std::chrono::steady_clock::now();
  bool closed = false;
  for (size_t i = 0; i < request.size() + 40 && !closed; ++i) {
    beast::error_code ec;
    char ch = i < request.size() ? request[i] : 'a';
    c.Raw(std::string(1, ch), 1ms);  // send one byte, then a short poll
    std::this_thread::sleep_for(100ms);
    closed = c.ClosedByPeer(1ms);
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
}

TEST(HttpServer, ConnectionsOverTheLimitAreTurnedAway) {
  TestService svc({{"ECHOTUNE_MAX_CONNECTIONS", "2"}, {"ECHOTUNE_THREADS", "1"}});
  HttpConnection a(svc.port()), b(svc.port());
  EXPECT_EQ(a.Send(bhttp::verb::get, "/api/health").status, 200u);
  EXPECT_EQ(b.Send(bhttp::verb::get, "/api/health").status, 200u);
  HttpConnection c(svc.port());
  std::string out = c.Raw("", 2s);
  EXPECT_EQ(out.rfind("HTTP/1.1 503", 0), 0u) << out;
}

boost::asio::awaitable<void> TwoRequests(uint16_t port, std::atomic<int>& answered) {
  auto ex = co_await boost::asio::this_coro::executor;
  beast::tcp_stream stream(ex);
  co_await stream.async_connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port),
                                boost::asio::use_awaitable);
  beast::flat_buffer buffer;
  for (int i = 0; i < 2; ++i) {
    bhttp::request<bhttp::empty_body> req{bhttp::verb::get, "/api/health", 11};
    req.set(bhttp::field::host, "127.0.0.1");
    co_await bhttp::async_write(stream, req, boost::asio::use_awaitable);
    bhttp::response<bhttp::string_body> res;
    co_await bhttp::async_read(stream, buffer, res, boost::asio::use_awaitable);
    if (res.result_int() == 200 && res.keep_alive()) answered++;
  }
}

TEST(HttpServer, AThousandConcurrentKeepAliveConnectionsAreAllAnswered) {
  TestService svc;
  boost::asio::io_context io;
  std::atomic<int> answered{0};
  for (int i = 0; i < 1000; ++i) {
    boost::asio::co_spawn(io, TwoRequests(svc.port(), answered), boost::asio::detached);
  }
  io.run_for(30s);
  EXPECT_EQ(answered.load(), 2000);
}

TEST(HttpServer, MetricsExposeRequestsLatencyInFlightAndBuildInfo) {
  TestService svc;
  Fetch(svc.port(), bhttp::verb::get, "/api/health");
  Fetch(svc.port(), bhttp::verb::get, "/api/nothing");
  auto r = Fetch(svc.port(), bhttp::verb::get, "/metrics");
  EXPECT_EQ(r.status, 200u);
  EXPECT_NE(r.Header("Content-Type").find("text/plain"), std::string::npos);
  EXPECT_NE(r.body.find(R"(echotune_http_requests_total{route="/api/health",status="200"} 1)"),
            std::string::npos) << r.body;
  EXPECT_NE(r.body.find(R"(route="unmatched",status="404")"), std::string::npos);
  EXPECT_NE(r.body.find("echotune_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(r.body.find("echotune_http_requests_in_flight"), std::string::npos);
  EXPECT_NE(r.body.find("echotune_build_info{"), std::string::npos);
}

TEST(HttpServer, OpenApiDocumentListsEveryRoute) {
  TestService svc;
  auto r = Fetch(svc.port(), bhttp::verb::get, "/api/docs/openapi.json");
  EXPECT_EQ(r.status, 200u);
  auto doc = r.Json().as_object();
  EXPECT_EQ(doc.at("openapi"), "3.0.3");
  auto& paths = doc.at("paths").as_object();
  for (const char* p : {"/api/health", "/metrics", "/api/docs", "/api/docs/openapi.json"}) {
    EXPECT_TRUE(paths.contains(p)) << p;
  }
  EXPECT_TRUE(paths.at("/api/_test/me").at("get").as_object().contains("security"));
  auto page = Fetch(svc.port(), bhttp::verb::get, "/api/docs");
  EXPECT_NE(page.body.find("openapi.json"), std::string::npos);
}

}  // namespace
}  // namespace echotune::e2e

namespace echotune::e2e {
namespace {

uint16_t ClosedLoopbackPort() {
  boost::asio::io_context io;
  tcp::acceptor a(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();  // closed again when `a` goes
}

TEST(HttpServer, HealthReportsTheStoreAndADegradedCacheWhenRedisIsAway) {
  TestService svc({{"REDIS_URL", "redis://127.0.0.1:" + std::to_string(ClosedLoopbackPort())}});
  auto data = Fetch(svc.port(), bhttp::verb::get, "/api/health").Json().at("data");
  EXPECT_EQ(data.at("status"), "degraded");
  EXPECT_EQ(data.at("services").at("cache").at("status"), "degraded");
  EXPECT_EQ(data.at("services").at("database").at("status"), "connected");
  EXPECT_EQ(data.at("services").at("database").at("detail"), "sqlite");
}

}  // namespace
}  // namespace echotune::e2e
