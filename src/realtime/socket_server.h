// SocketServer: the Socket.IO v5 / Engine.IO v4 endpoint at /socket.io/
// (SYSTEM.md §8; docs/realtime.md). HTTP long-polling with upgrade to
// WebSocket, or WebSocket directly; handshake {sid, upgrades, pingInterval
// 25000, pingTimeout 20000, maxPayload 1000000}; namespace "/" only; CONNECT
// needs auth {token} (our JWT) and is refused with CONNECT_ERROR {message}
// otherwise; one room per user; client events with acks go to handlers
// registered with On().
//
// Limits: sockets per user (CONNECT_ERROR beyond), Engine.IO sessions per
// client address (403 beyond), a bounded outbox per session (a slow consumer
// is dropped with reason "slow consumer"). Malformed packets and binary
// attachments close the session ("parse error"); unknown events are ignored.
//
// Thread-safety: everything may be called from any thread. Connections run on
// the io thread that accepted them; the registry (mu_) is shared.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/array.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.h"
#include "http/connection_hook.h"
#include "http/request.h"
#include "http/response_headers.h"
#include "realtime/engineio_packet.h"
#include "realtime/event_publisher.h"
#include "realtime/session.h"
#include "realtime/socketio_packet.h"

namespace echotune::realtime {

struct SocketOptions {
  Session::Heartbeat heartbeat;
  Session::Limits outbox;
  int max_per_user = 10;   // REALTIME_MAX_SOCKETS_PER_USER
  int max_per_ip = 100;    // REALTIME_MAX_SESSIONS_PER_IP
  std::chrono::milliseconds tick{1000};  // heartbeat scan period
  // CORS_ORIGINS: the long-polling transport answers pages of these origins
  // (and their preflights) as the API does; empty = same origin only.
  std::vector<std::string> cors_origins;
};

// Who sent a client event.
struct ClientContext {
  std::string sid;  // Engine.IO session id
  std::string user_id;
  std::string token;  // the bearer token of the CONNECT (for calls on the user's behalf)
  std::string client_ip;
};

class SocketServer final : public http::ConnectionHook, public EventPublisher {
 public:
  // The claims of a bearer token, or an error whose message goes to the client.
  using Authenticator =
      std::function<boost::asio::awaitable<core::Result<http::AuthContext>>(const std::string& token)>;
  // A client event; the returned value is the ack's single argument (sent
  // only when the client asked for an ack). `args` are the event's arguments.
  using EventHandler = std::function<boost::asio::awaitable<boost::json::value>(
      const ClientContext& client, const boost::json::array& args)>;
  // A connected socket went away (any reason).
  using DisconnectHook = std::function<void(const ClientContext& client, const std::string& reason)>;

  SocketServer(SocketOptions options, Authenticator authenticate, prometheus::Registry& registry);
  ~SocketServer() override;
  SocketServer(const SocketServer&) = delete;
  SocketServer& operator=(const SocketServer&) = delete;

  // REQUIRES: before Start.
  void On(std::string event, EventHandler handler);
  void OnDisconnect(DisconnectHook hook);
  // Starts the heartbeat scan on `io`. REQUIRES: io runs until Shutdown.
  void Start(boost::asio::io_context& io);
  // Sends DISCONNECT to every socket and closes every session; new ones are refused.
  void Shutdown();

  // http::ConnectionHook
  bool Wants(const http::RawRequest& req) const override;
  boost::asio::awaitable<bool> Serve(boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer,
                                     http::RawRequest& req, const std::string& peer_ip) override;

  // EventPublisher: delivery to the sockets of this process.
  void ToUser(const std::string& user_id, std::string_view event, const boost::json::value& data) override;
  void ToAll(std::string_view event, const boost::json::value& data) override;

  // Users with at least one connected socket here.
  std::vector<std::string> users() const;
  size_t connected_sockets() const;
  size_t sessions() const;
  uint64_t events_sent() const { return events_sent_.load(); }

 private:
  using SessionPtr = std::shared_ptr<Session>;
  using StringResponse = http::beast_http::response<http::beast_http::string_body>;
  struct Query {
    std::string eio, transport, sid;
  };

  // Transports (socket_transports.cpp).
  boost::asio::awaitable<StringResponse> ServePolling(const http::RawRequest& req, const Query& q,
                                                          const std::string& peer_ip);
  boost::asio::awaitable<bool> ServeWebSocket(boost::beast::tcp_stream& stream, http::RawRequest& req,
                                              const Query& q, const std::string& peer_ip);

  // Engine.IO / Socket.IO packets (socket_server.cpp).
  core::Result<SessionPtr> Open(const std::string& peer_ip, Transport transport);
  SessionPtr Find(const std::string& sid) const;
  // `ex`: the connection's executor, where handlers run.
  void HandlePacket(const SessionPtr& s, const EioPacket& packet, const boost::asio::any_io_executor& ex);
  void HandleSocketIo(const SessionPtr& s, std::string_view text, const boost::asio::any_io_executor& ex);
  boost::asio::awaitable<void> Connect(SessionPtr s, SioPacket packet);
  boost::asio::awaitable<void> RunEvent(SessionPtr s, SioPacket packet);
  void Drop(const SessionPtr& s, const std::string& reason);
  void Deliver(const std::vector<SessionPtr>& targets, std::string_view event, const boost::json::value& data);
  template <class WebSocket>
  boost::asio::awaitable<void> RunWebSocket(WebSocket& ws, SessionPtr s);
  template <class WebSocket>
  boost::asio::awaitable<void> WriteLoop(WebSocket& ws, SessionPtr s);
  boost::asio::awaitable<void> Ticker();
  std::string OpenPacket(const Session& s) const;

  const SocketOptions options_;
  const http::CorsPolicy cors_;
  const Authenticator authenticate_;
  std::map<std::string, EventHandler, std::less<>> handlers_;  // fixed after Start
  DisconnectHook on_disconnect_;
  std::unique_ptr<boost::asio::steady_timer> tick_timer_;  // runs on the Start io
  std::atomic<bool> stopping_{false};

  mutable std::mutex mu_;  // guards the three maps below
  std::unordered_map<std::string, SessionPtr> sessions_;                   // by sid
  std::unordered_map<std::string, std::unordered_set<SessionPtr>> rooms_;  // by user id
  std::unordered_map<std::string, int> per_ip_;

  prometheus::Counter& EventsCounter(std::string_view event);

  std::mutex counters_mu_;  // guards event_counters_
  std::map<std::string, prometheus::Counter*, std::less<>> event_counters_;
  std::atomic<uint64_t> events_sent_{0};
  prometheus::Gauge& sockets_gauge_;
  prometheus::Gauge& sessions_gauge_;
  prometheus::Family<prometheus::Counter>& events_family_;
  prometheus::Family<prometheus::Counter>& disconnects_family_;
};

}  // namespace echotune::realtime
