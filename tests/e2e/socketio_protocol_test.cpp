// Engine.IO / Socket.IO protocol edge cases over real HTTP and WebSocket,
// byte by byte (the stock client's view is in socketio_client_test.cpp).
#include <boost/asio/connect.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>

#include "tests/e2e/recs_api_fixture.h"

namespace echotune::e2e {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

class SocketIoProtocol : public RecsApiFixture {
 protected:
  std::string Path(const std::string& query) { return "/socket.io/?EIO=4&" + query; }

  // A polling handshake; returns the sid.
  std::string Handshake() {
    auto r = Fetch(svc_.port(), bhttp::verb::get, Path("transport=polling"));
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(r.body[0], '0');
    auto open = boost::json::parse(r.body.substr(1));
    EXPECT_EQ(open.at("pingInterval"), 25000);
    EXPECT_EQ(open.at("pingTimeout"), 20000);
    EXPECT_EQ(open.at("maxPayload"), 1000000);
    EXPECT_EQ(open.at("upgrades").as_array().size(), 1u);
    return std::string(open.at("sid").as_string());
  }
  HttpReply Poll(const std::string& sid) { return Fetch(svc_.port(), bhttp::verb::get, Path("transport=polling&sid=" + sid)); }
  HttpReply Send(const std::string& sid, const std::string& body) {
    return Fetch(svc_.port(), bhttp::verb::post, Path("transport=polling&sid=" + sid), body,
                 {{"Content-Type", "text/plain;charset=UTF-8"}});
  }

  // A WebSocket to /socket.io/ (optionally upgrading `sid`).
  struct Ws {
    asio::io_context io;
    websocket::stream<asio::ip::tcp::socket> ws{io};
    std::string Read() {
      beast::flat_buffer buf;
      ws.read(buf);
      return beast::buffers_to_string(buf.data());
    }
    void Write(const std::string& text) { ws.write(asio::buffer(text)); }
  };
  std::unique_ptr<Ws> OpenWs(const std::string& query) {
    auto w = std::make_unique<Ws>();
    w->ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), svc_.port()});
    w->ws.handshake("127.0.0.1", Path(query));
    return w;
  }
};

TEST_F(SocketIoProtocol, BadTokenGetsConnectErrorOverPolling) {
  std::string sid = Handshake();
  EXPECT_EQ(Send(sid, R"(40{"token":"nope"})").body, "ok");
  auto r = Poll(sid);
  ASSERT_EQ(r.status, 200u);
  ASSERT_TRUE(r.body.starts_with("44{\"message\":\"auth.token: ")) << r.body;
  EXPECT_EQ(Send(sid, "40{\"token\":\"" + token_ + "\"}").body, "ok");
  r = Poll(sid);
  EXPECT_TRUE(r.body.starts_with("40{\"sid\":\"")) << r.body;
}

TEST_F(SocketIoProtocol, UpgradesAPollingSessionWithTheProbe) {
  std::string sid = Handshake();
  // A long-poll pending during the upgrade ends with a noop.
  std::thread poller([&] { EXPECT_EQ(Poll(sid).body, "6"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto w = OpenWs("transport=websocket&sid=" + sid);
  w->Write("2probe");
  EXPECT_EQ(w->Read(), "3probe");
  poller.join();
  w->Write("5");
  w->Write("40{\"token\":\"" + token_ + "\"}");
  EXPECT_TRUE(w->Read().starts_with("40{\"sid\":"));
  w->Write(R"(421["request_recommendations",{"limit":2}])");
  auto ack = w->Read();
  ASSERT_TRUE(ack.starts_with("431[")) << ack;
  auto env = boost::json::parse(ack.substr(3)).as_array()[0];
  EXPECT_EQ(env.at("success"), true);
  EXPECT_EQ(env.at("data").as_array().size(), 2u);
  // The polling transport is gone for this session.
  EXPECT_EQ(Poll(sid).status, 400u);
}

TEST_F(SocketIoProtocol, WebSocketOnlyOpensWithoutUpgradesAndRefusesBinaryFrames) {
  auto w = OpenWs("transport=websocket");
  auto open = boost::json::parse(w->Read().substr(1));
  EXPECT_TRUE(open.at("upgrades").as_array().empty());
  w->Write("40{\"token\":\"" + token_ + "\"}");
  EXPECT_TRUE(w->Read().starts_with("40"));
  w->ws.binary(true);
  w->Write("\x01\x02");
  beast::flat_buffer buf;
  beast::error_code ec;
  w->ws.read(buf, ec);
  EXPECT_EQ(ec, websocket::error::closed);
}

TEST_F(SocketIoProtocol, MalformedAndBinaryPacketsCloseTheSession) {
  for (const char* bad : {"4garbage", R"(451-["up",{"_placeholder":true,"num":0}])", "bAQID", "9"}) {
    std::string sid = Handshake();
    Send(sid, "40{\"token\":\"" + token_ + "\"}");
    Poll(sid);
    auto r = Send(sid, bad);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto next = Poll(sid);
    EXPECT_EQ(next.status, 400u) << bad << ": " << r.status << " " << next.body;
    EXPECT_NE(next.body.find("Session ID unknown"), std::string::npos) << bad;
  }
}

// /socket.io/ bypasses the HTTP pipeline (long-polls wait, WebSockets stay),
// yet its answers carry what every response does: a request id (an incoming
// valid one is kept) and the security headers.
TEST_F(SocketIoProtocol, AnswersCarryTheRequestIdAndSecurityHeaders) {
  auto r = Fetch(svc_.port(), bhttp::verb::get, Path("transport=polling"), "", {{"X-Request-Id", "req-sio-1"}});
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.headers["X-Request-Id"], "req-sio-1");
  EXPECT_EQ(r.headers["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(r.headers["X-Frame-Options"], "DENY");
  auto bad = Fetch(svc_.port(), bhttp::verb::get, "/socket.io/?EIO=3&transport=polling");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_FALSE(bad.headers["X-Request-Id"].empty());
  EXPECT_FALSE(bad.headers["Content-Security-Policy"].empty());
  // The WebSocket upgrade's 101 too.
  Ws w;
  websocket::response_type upgrade;
  w.ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), svc_.port()});
  w.ws.handshake(upgrade, "127.0.0.1", Path("transport=websocket"));
  EXPECT_EQ(upgrade.result_int(), 101u);
  EXPECT_EQ(upgrade["X-Content-Type-Options"], "nosniff");
  EXPECT_FALSE(upgrade["X-Request-Id"].empty());
}

TEST_F(SocketIoProtocol, ProtocolErrorsAreEngineIoErrorAnswers) {
  auto r = Fetch(svc_.port(), bhttp::verb::get, "/socket.io/?EIO=3&transport=polling");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(boost::json::parse(r.body).at("code"), 5);
  r = Fetch(svc_.port(), bhttp::verb::get, Path("transport=carrier-pigeon"));
  EXPECT_EQ(boost::json::parse(r.body).at("code"), 0);
  r = Poll("unknown");
  EXPECT_EQ(boost::json::parse(r.body).at("code"), 1);
  r = Fetch(svc_.port(), bhttp::verb::post, Path("transport=polling"), "40");
  EXPECT_EQ(boost::json::parse(r.body).at("code"), 2);
  // Another namespace is refused, the session stays.
  std::string sid = Handshake();
  Send(sid, "40/admin,{\"token\":\"" + token_ + "\"}");
  EXPECT_EQ(Poll(sid).body, R"(44/admin,{"message":"Invalid namespace"})");
}

TEST_F(SocketIoProtocol, OverlappingPollsCloseTheSession) {
  std::string sid = Handshake();
  std::thread first([&] { Poll(sid); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(Poll(sid).status, 400u);
  first.join();
  EXPECT_EQ(Poll(sid).status, 400u);
}

TEST_F(SocketIoProtocol, SocketsPerUserAreLimited) {
  std::vector<std::unique_ptr<Ws>> sockets;
  for (int i = 0; i < 11; ++i) {
    auto w = OpenWs("transport=websocket");
    w->Read();
    w->Write("40{\"token\":\"" + token_ + "\"}");
    auto answer = w->Read();
    if (i < 10) {
      EXPECT_TRUE(answer.starts_with("40{")) << i << answer;
    } else {
      EXPECT_TRUE(answer.starts_with("44{\"message\":\"too many connections")) << answer;
    }
    sockets.push_back(std::move(w));
  }
  EXPECT_EQ(svc_.service().sockets().connected_sockets(), 10u);
}

TEST_F(SocketIoProtocol, PublishReachesEverySocketOfTheUserOnly) {
  auto a = OpenWs("transport=websocket");
  a->Read();
  a->Write("40{\"token\":\"" + token_ + "\"}");
  a->Read();
  std::string other_id;
  std::string other = NewUser("someone-else", &other_id);
  auto b = OpenWs("transport=websocket");
  b->Read();
  b->Write("40{\"token\":\"" + other + "\"}");
  b->Read();
  svc_.service().publisher().ToUser(user_id_, "queue_update", boost::json::object{{"n", 0.5}});
  svc_.service().publisher().ToAll("provider_health", boost::json::object{{"provider", "mock"}});
  EXPECT_EQ(a->Read(), R"(42["queue_update",{"n":0.5}])");
  EXPECT_EQ(a->Read(), R"(42["provider_health",{"provider":"mock"}])");
  EXPECT_EQ(b->Read(), R"(42["provider_health",{"provider":"mock"}])");
}

TEST_F(SocketIoProtocol, AnLlmBreakerTransitionReachesEverySocketAsProviderHealth) {
  auto a = OpenWs("transport=websocket");
  a->Read();
  a->Write("40{\"token\":\"" + token_ + "\"}");
  a->Read();
  svc_.service().provider_health().Publish(
      {.provider = "openai", .from = llm::CircuitState::kClosed, .to = llm::CircuitState::kOpen, .at = {}});
  std::string packet = a->Read();
  ASSERT_EQ(packet.rfind("42", 0), 0u) << packet;
  boost::json::array event = boost::json::parse(packet.substr(2)).as_array();
  EXPECT_EQ(event.at(0), "provider_health");
  EXPECT_EQ(event.at(1).at("provider"), "openai");
  EXPECT_EQ(event.at(1).at("circuitState"), "OPEN");
}

// With CORS_ORIGINS, a page of an allowed origin can long-poll (and send its
// preflight) as it can call the API; other origins get no CORS headers.
TEST(SocketIoCors, LongPollingAnswersAllowedOriginsAndTheirPreflights) {
  TestService svc({{"CORS_ORIGINS", "http://app.local"}});
  const std::string open = "/socket.io/?EIO=4&transport=polling";
  auto allowed = Fetch(svc.port(), bhttp::verb::get, open, "", {{"Origin", "http://app.local"}});
  ASSERT_EQ(allowed.status, 200u);
  EXPECT_EQ(allowed.headers["Access-Control-Allow-Origin"], "http://app.local");
  EXPECT_EQ(allowed.headers["Access-Control-Allow-Credentials"], "true");
  auto other = Fetch(svc.port(), bhttp::verb::get, open, "", {{"Origin", "http://evil.local"}});
  EXPECT_EQ(other.headers["Access-Control-Allow-Origin"], "");
  auto preflight = Fetch(svc.port(), bhttp::verb::options, open + "&sid=x", "",
                         {{"Origin", "http://app.local"},
                          {"Access-Control-Request-Method", "POST"},
                          {"Access-Control-Request-Headers", "content-type"}});
  EXPECT_EQ(preflight.status, 204u);
  EXPECT_EQ(preflight.headers["Access-Control-Allow-Origin"], "http://app.local");
  EXPECT_NE(preflight.headers["Access-Control-Allow-Methods"].find("POST"), std::string::npos);
  EXPECT_NE(preflight.headers["Access-Control-Allow-Headers"].find("Content-Type"), std::string::npos);
}

}  // namespace
}  // namespace echotune::e2e
