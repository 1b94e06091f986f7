// The two Engine.IO transports of SocketServer: HTTP long-polling and
// WebSocket (direct, or upgraded from polling with the probe exchange).
#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/object.hpp>

#include "core/json_write.h"
#include "http/access_log.h"
#include "http/pipeline.h"
#include "http/request_id.h"
#include "http/response_headers.h"
#include "realtime/socket_server.h"

namespace echotune::realtime {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace json = boost::json;
using http::beast_http::status;
using namespace std::chrono_literals;

namespace {

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);

// Engine.IO's error answers: {"code": n, "message": …}.
enum EioError { kTransportUnknown = 0, kSessionUnknown = 1, kBadHandshakeMethod = 2, kBadRequest = 3, kForbidden = 4,
                kUnsupportedVersion = 5 };

http::beast_http::response<http::beast_http::string_body> Answer(const http::RawRequest& req, status st,
                                                                  std::string body,
                                                                  std::string_view type = "text/plain; charset=UTF-8") {
  http::beast_http::response<http::beast_http::string_body> res{st, req.version()};
  res.set(http::beast_http::field::content_type, type);
  res.set(http::beast_http::field::cache_control, "no-store");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

http::beast_http::response<http::beast_http::string_body> Error(const http::RawRequest& req, EioError code,
                                                                 std::string_view message) {
  json::object body{{"code", static_cast<int>(code)}, {"message", message}};
  return Answer(req, code == kForbidden ? status::forbidden : status::bad_request, core::JsonWrite(body),
                "application/json");
}

// What the HTTP pipeline gives every response, for the answers of this
// endpoint, which bypasses it (a long-poll waits for events, a WebSocket keeps
// the connection): the request id and the security headers.
template <class Fields>
void StampLikeThePipeline(const http::RawRequest& req, Fields& res) {
  http::RawResponse headers;
  http::AddSecurityHeaders(headers);
  for (const auto& field : headers) res.set(field.name_string(), field.value());
  res.set("X-Request-Id", req["X-Request-Id"]);
}

// The access log line of the pipeline (issue 2's fields); the path without the query (sid).
void LogExchange(const http::RawRequest& req, unsigned status, std::chrono::steady_clock::time_point start) {
  std::string_view target = req.target();
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  http::LogAccess(http::AccessEntry{req["X-Request-Id"], "", req.method_string(), target.substr(0, target.find('?')),
                                    status, ms});
}

}  // namespace

bool SocketServer::Wants(const http::RawRequest& req) const {
  std::string_view target = req.target();
  return target.starts_with("/socket.io/") || target == "/socket.io" || target.starts_with("/socket.io?");
}

asio::awaitable<bool> SocketServer::Serve(beast::tcp_stream& stream, beast::flat_buffer&, http::RawRequest& req,
                                          const std::string& peer_ip) {
  std::string_view target = req.target();
  size_t qpos = target.find('?');
  Query q;
  for (auto& [k, v] : http::ParseQuery(qpos == std::string_view::npos ? "" : target.substr(qpos + 1))) {
    if (k == "EIO") q.eio = v;
    if (k == "transport") q.transport = v;
    if (k == "sid") q.sid = v;
  }
  const auto start = std::chrono::steady_clock::now();
  req.set("X-Request-Id", http::RequestIdFor(req["X-Request-Id"]));  // kept or made, as the pipeline does
  StringResponse res;
  if (http::CorsPolicy::IsPreflight(req)) {  // a page of another origin, before its long-poll
    res = Answer(req, status::no_content, "");
    cors_.ApplyPreflight(req, res);
  } else if (q.eio != "4") {
    res = Error(req, kUnsupportedVersion, "Unsupported protocol version");
  } else if (q.transport == "websocket") {
    co_return co_await ServeWebSocket(stream, req, q, peer_ip);
  } else if (q.transport == "polling") {
    res = co_await ServePolling(req, q, peer_ip);
  } else {
    res = Error(req, kTransportUnknown, "Transport unknown");
  }
  StampLikeThePipeline(req, res);
  cors_.Apply(req[http::beast_http::field::origin], res);
  LogExchange(req, res.result_int(), start);
  auto [ec, n] = co_await http::beast_http::async_write(stream, res, kAsTuple);
  co_return !ec && res.keep_alive();
}

asio::awaitable<SocketServer::StringResponse> SocketServer::ServePolling(const http::RawRequest& req,
                                                                          const Query& q,
                                                                          const std::string& peer_ip) {
  using http::beast_http::verb;
  if (q.sid.empty()) {
    if (req.method() != verb::get) co_return Error(req, kBadHandshakeMethod, "Bad handshake method");
    auto s = Open(peer_ip, Transport::kPolling);
    if (!s.ok()) co_return Error(req, kForbidden, s.error().message);
    auto packets = co_await (*s)->WaitForPackets(0ms);  // the open packet
    co_return Answer(req, status::ok, JoinEioPayload(packets.value_or(std::vector<std::string>{})));
  }
  SessionPtr s = Find(q.sid);
  if (!s) co_return Error(req, kSessionUnknown, "Session ID unknown");
  if (s->transport() != Transport::kPolling) co_return Error(req, kBadRequest, "Bad request");
  if (req.method() == verb::get) {
    auto packets = co_await s->WaitForPackets(options_.heartbeat.ping_interval);
    if (!packets) {
      Drop(s, "transport error");  // overlapping GET: the protocol closes the session
      co_return Error(req, kBadRequest, "Bad request");
    }
    if (packets->empty()) {
      co_return Answer(req, status::ok, EncodeEioPacket(s->closed() ? EioType::kClose : EioType::kNoop));
    }
    co_return Answer(req, status::ok, JoinEioPayload(*packets));
  }
  if (req.method() != verb::post) co_return Error(req, kBadRequest, "Bad request");
  auto packets = ParseEioPayload(req.body());
  if (!packets.ok()) {
    Drop(s, "parse error");
    co_return Error(req, kBadRequest, packets.error().message);
  }
  auto ex = co_await asio::this_coro::executor;
  for (const auto& p : *packets) HandlePacket(s, p, ex);
  co_return Answer(req, status::ok, "ok");
}

asio::awaitable<bool> SocketServer::ServeWebSocket(beast::tcp_stream& stream, http::RawRequest& req, const Query& q,
                                                   const std::string& peer_ip) {
  const auto start = std::chrono::steady_clock::now();
  auto refuse = [&](StringResponse res) -> asio::awaitable<bool> {
    res.keep_alive(false);
    StampLikeThePipeline(req, res);
    LogExchange(req, res.result_int(), start);
    co_await http::beast_http::async_write(stream, res, kAsTuple);
    co_return false;
  };
  if (!websocket::is_upgrade(req)) co_return co_await refuse(Error(req, kBadRequest, "Bad request"));
  SessionPtr s;
  if (q.sid.empty()) {
    auto opened = Open(peer_ip, Transport::kWebSocket);
    if (!opened.ok()) co_return co_await refuse(Error(req, kForbidden, opened.error().message));
    s = *opened;
  } else {
    s = Find(q.sid);
    if (!s) co_return co_await refuse(Error(req, kSessionUnknown, "Session ID unknown"));
    if (s->transport() != Transport::kPolling || s->upgrading()) {
      co_return co_await refuse(Error(req, kBadRequest, "Bad request"));
    }
  }
  websocket::stream<beast::tcp_stream&> ws(stream);
  ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws.read_message_max(kMaxPayload);
  ws.set_option(websocket::stream_base::decorator(
      [&req](websocket::response_type& res) { StampLikeThePipeline(req, res); }));
  auto [aec] = co_await ws.async_accept(req, kAsTuple);
  LogExchange(req, aec ? 400 : 101, start);
  if (aec) {
    if (q.sid.empty()) Drop(s, "transport error");
    co_return false;
  }
  ws.text(true);
  if (!q.sid.empty()) {
    // Upgrade: "2probe" → "3probe", the pending poll ends with a noop, then "5".
    beast::flat_buffer buf;
    auto [rec, n] = co_await ws.async_read(buf, kAsTuple);
    if (rec || beast::buffers_to_string(buf.data()) != "2probe") co_return false;
    s->SetUpgrading(true);
    auto [wec, w] = co_await ws.async_write(asio::buffer(std::string("3probe")), kAsTuple);
    if (wec) {
      s->SetUpgrading(false);
      co_return false;
    }
    s->WakeWaiter();
    buf.consume(buf.size());
    auto [uec, u] = co_await ws.async_read(buf, kAsTuple);
    s->SetUpgrading(false);
    if (uec || beast::buffers_to_string(buf.data()) != "5") co_return false;
    s->SetTransport(Transport::kWebSocket);
  }
  co_await RunWebSocket(ws, s);
  co_return false;
}

template <class WebSocket>
asio::awaitable<void> SocketServer::WriteLoop(WebSocket& ws, SessionPtr s) {
  auto ex = co_await asio::this_coro::executor;
  for (;;) {
    auto packets = co_await s->WaitForPackets(24h);
    if (!packets) {  // the last long-polling GET of an upgrade still waits
      asio::steady_timer t(ex, 10ms);
      co_await t.async_wait(kAsTuple);
      continue;
    }
    for (const auto& p : *packets) {
      auto [ec, n] = co_await ws.async_write(asio::buffer(p), kAsTuple);
      if (ec) {
        Drop(s, "transport error");
        co_return;
      }
    }
    if (s->closed()) {
      co_await ws.async_close(websocket::close_code::normal, kAsTuple);
      co_return;
    }
  }
}

template <class WebSocket>
asio::awaitable<void> SocketServer::RunWebSocket(WebSocket& ws, SessionPtr s) {
  auto ex = co_await asio::this_coro::executor;
  bool writer_done = false;
  asio::steady_timer done(ex, asio::steady_timer::time_point::max());
  asio::co_spawn(ex, WriteLoop(ws, s), [&](std::exception_ptr) {
    writer_done = true;
    done.cancel();
  });
  beast::flat_buffer buf;
  std::string reason = "transport close";
  while (!s->closed()) {
    auto [ec, n] = co_await ws.async_read(buf, kAsTuple);
    if (ec) {
      if (ec != websocket::error::closed) reason = "transport error";
      break;
    }
    if (!ws.got_text()) {
      reason = "parse error";  // binary frames: attachments are not accepted
      break;
    }
    std::string text = beast::buffers_to_string(buf.data());
    buf.consume(buf.size());
    auto packet = ParseEioPacket(text);
    if (!packet.ok()) {
      reason = "parse error";
      break;
    }
    HandlePacket(s, *packet, ex);
  }
  Drop(s, reason);  // no-op when the session was closed first; wakes the writer
  while (!writer_done) co_await done.async_wait(kAsTuple);
}

}  // namespace echotune::realtime
