#include "realtime/socket_server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>

#include "core/json_write.h"
#include "core/random.h"

namespace echotune::realtime {

namespace asio = boost::asio;
namespace json = boost::json;

SocketServer::SocketServer(SocketOptions options, Authenticator authenticate, prometheus::Registry& registry)
    : options_(options),
      cors_(options_.cors_origins),
      authenticate_(std::move(authenticate)),
      sockets_gauge_(prometheus::BuildGauge()
                         .Name("echotune_realtime_connected_sockets")
                         .Help("Socket.IO sockets connected (authenticated) to this instance")
                         .Register(registry)
                         .Add({})),
      sessions_gauge_(prometheus::BuildGauge()
                          .Name("echotune_realtime_sessions")
                          .Help("Engine.IO sessions open on this instance")
                          .Register(registry)
                          .Add({})),
      events_family_(prometheus::BuildCounter()
                         .Name("echotune_realtime_events_sent_total")
                         .Help("Socket.IO events queued to sockets, by event")
                         .Register(registry)),
      disconnects_family_(prometheus::BuildCounter()
                              .Name("echotune_realtime_disconnects_total")
                              .Help("Engine.IO sessions closed, by reason")
                              .Register(registry)) {}

SocketServer::~SocketServer() { Shutdown(); }

void SocketServer::On(std::string event, EventHandler handler) { handlers_[std::move(event)] = std::move(handler); }

void SocketServer::OnDisconnect(DisconnectHook hook) { on_disconnect_ = std::move(hook); }

void SocketServer::Start(asio::io_context& io) {
  tick_timer_ = std::make_unique<asio::steady_timer>(io);
  asio::co_spawn(io, Ticker(), asio::detached);
}

void SocketServer::Shutdown() {
  if (stopping_.exchange(true)) return;
  std::vector<SessionPtr> all;
  {
    std::lock_guard lock(mu_);
    for (auto& [sid, s] : sessions_) all.push_back(s);
  }
  for (auto& s : all) {
    if (s->connected()) s->Push(EncodeEioPacket(EioType::kMessage, "1"));
    Drop(s, "server shutting down");
  }
  if (tick_timer_) {
    asio::post(tick_timer_->get_executor(), [t = tick_timer_.get()] { t->cancel(); });
  }
}

asio::awaitable<void> SocketServer::Ticker() {
  while (!stopping_) {
    tick_timer_->expires_after(options_.tick);
    co_await tick_timer_->async_wait(asio::as_tuple(asio::use_awaitable));
    if (stopping_) break;
    std::vector<SessionPtr> all;
    {
      std::lock_guard lock(mu_);
      all.reserve(sessions_.size());
      for (auto& [sid, s] : sessions_) all.push_back(s);
    }
    auto now = std::chrono::steady_clock::now();
    for (auto& s : all) {
      if (auto reason = s->Tick(now, options_.heartbeat); !reason.empty()) Drop(s, reason);
    }
  }
}

std::string SocketServer::OpenPacket(const Session& s) const {
  json::array upgrades;
  if (s.transport() == Transport::kPolling) upgrades.push_back("websocket");
  json::object open{{"sid", s.sid()},
                    {"upgrades", std::move(upgrades)},
                    {"pingInterval", options_.heartbeat.ping_interval.count()},
                    {"pingTimeout", options_.heartbeat.ping_timeout.count()},
                    {"maxPayload", kMaxPayload}};
  return EncodeEioPacket(EioType::kOpen, core::JsonWrite(open));
}

core::Result<SocketServer::SessionPtr> SocketServer::Open(const std::string& peer_ip, Transport transport) {
  if (stopping_) return core::Error{core::ErrorCode::kUnavailable, "server shutting down", {}};
  auto s = std::make_shared<Session>(core::RandomHexId().substr(0, 20), peer_ip, transport,
                                     std::chrono::steady_clock::now(), options_.outbox);
  {
    std::lock_guard lock(mu_);
    int& n = per_ip_[peer_ip];
    if (n >= options_.max_per_ip) {
      return core::Error{core::ErrorCode::kRateLimited, "too many Socket.IO sessions from this address", {}};
    }
    ++n;
    sessions_.emplace(s->sid(), s);
  }
  sessions_gauge_.Increment();
  s->Push(OpenPacket(*s));
  return s;
}

SocketServer::SessionPtr SocketServer::Find(const std::string& sid) const {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(sid);
  return it == sessions_.end() ? nullptr : it->second;
}

void SocketServer::Drop(const SessionPtr& s, const std::string& reason) {
  if (!s->Close(reason)) return;
  bool was_connected = false;
  {
    std::lock_guard lock(mu_);
    if (sessions_.erase(s->sid()) == 0) return;
    if (auto it = per_ip_.find(s->client_ip()); it != per_ip_.end() && --it->second <= 0) per_ip_.erase(it);
    if (s->connected()) {
      auto room = rooms_.find(s->user_id());
      if (room != rooms_.end() && room->second.erase(s) > 0) {
        was_connected = true;
        if (room->second.empty()) rooms_.erase(room);
      }
    }
  }
  sessions_gauge_.Decrement();
  disconnects_family_.Add({{"reason", reason}}).Increment();
  if (was_connected) {
    sockets_gauge_.Decrement();
    spdlog::debug("socket.io: {} disconnected ({})", s->sid(), reason);
    if (on_disconnect_) on_disconnect_(ClientContext{s->sid(), s->user_id(), s->token(), s->client_ip()}, reason);
  }
}

void SocketServer::HandlePacket(const SessionPtr& s, const EioPacket& packet, const asio::any_io_executor& ex) {
  switch (packet.type) {
    case EioType::kPong:
      s->OnPong();
      break;
    case EioType::kClose:
      Drop(s, "transport close");
      break;
    case EioType::kMessage:
      HandleSocketIo(s, packet.data, ex);
      break;
    default:  // ping/upgrade/noop outside an upgrade: nothing to do
      break;
  }
}

void SocketServer::HandleSocketIo(const SessionPtr& s, std::string_view text, const asio::any_io_executor& ex) {
  auto parsed = ParseSioPacket(text);
  if (!parsed.ok()) {
    spdlog::debug("socket.io: {}: {}", s->sid(), parsed.error().message);
    Drop(s, "parse error");
    return;
  }
  SioPacket p = std::move(parsed).value();
  switch (p.type) {
    case SioType::kConnect:
      asio::co_spawn(ex, Connect(s, std::move(p)), asio::detached);
      break;
    case SioType::kDisconnect:
      if (p.nsp == "/") Drop(s, "client namespace disconnect");
      break;
    case SioType::kEvent:
      if (s->connected() && p.nsp == "/") asio::co_spawn(ex, RunEvent(s, std::move(p)), asio::detached);
      break;
    default:  // ACK of a server event (none are asked for), CONNECT_ERROR from a client
      break;
  }
}

namespace {

std::string ConnectError(const std::string& nsp, std::string message) {
  SioPacket p{SioType::kConnectError, nsp, std::nullopt, json::object{{"message", std::move(message)}}};
  return EncodeEioPacket(EioType::kMessage, EncodeSioPacket(p));
}

}  // namespace

asio::awaitable<void> SocketServer::Connect(SessionPtr s, SioPacket packet) {
  if (packet.nsp != "/") {
    s->Push(ConnectError(packet.nsp, "Invalid namespace"));
    co_return;
  }
  if (s->connected()) co_return;
  const json::value* token = packet.data.is_object() ? packet.data.as_object().if_contains("token") : nullptr;
  if (!token || !token->is_string() || token->as_string().empty()) {
    s->Push(ConnectError("/", "auth.token is required: connect with auth: {token: <JWT>}"));
    co_return;
  }
  std::string bearer(token->as_string());
  auto auth = co_await authenticate_(bearer);
  if (!auth.ok()) {
    s->Push(ConnectError("/", "auth.token: " + auth.error().message));
    co_return;
  }
  {
    std::lock_guard lock(mu_);
    if (s->closed()) co_return;
    auto& room = rooms_[auth->user_id];
    if (room.size() >= static_cast<size_t>(options_.max_per_user)) {
      s->Push(ConnectError("/", "too many connections for this user (limit " +
                                    std::to_string(options_.max_per_user) + ")"));
      if (room.empty()) rooms_.erase(auth->user_id);
      co_return;
    }
    s->SetUser(auth->user_id, bearer);
    room.insert(s);
  }
  sockets_gauge_.Increment();
  SioPacket ok{SioType::kConnect, "/", std::nullopt, json::object{{"sid", s->sid()}}};
  s->Push(EncodeEioPacket(EioType::kMessage, EncodeSioPacket(ok)));
}

asio::awaitable<void> SocketServer::RunEvent(SessionPtr s, SioPacket packet) {
  const json::array& args = packet.data.as_array();
  std::string name(args[0].as_string());
  auto it = handlers_.find(name);
  if (it == handlers_.end()) co_return;  // unknown events are ignored
  json::array rest(args.begin() + 1, args.end());
  ClientContext client{s->sid(), s->user_id(), s->token(), s->client_ip()};
  json::value result;
  try {
    result = co_await it->second(client, rest);
  } catch (const std::exception& e) {
    spdlog::error("socket.io: handler of {} threw: {}", name, e.what());
    result = json::object{{"success", false}, {"error", "Internal error"}, {"code", "INTERNAL_ERROR"}};
  }
  if (!packet.id) co_return;
  SioPacket ack{SioType::kAck, "/", packet.id, json::array{std::move(result)}};
  if (!s->Push(EncodeEioPacket(EioType::kMessage, EncodeSioPacket(ack)))) Drop(s, "slow consumer");
}

void SocketServer::Deliver(const std::vector<SessionPtr>& targets, std::string_view event,
                           const json::value& data) {
  if (targets.empty()) return;
  std::string packet = EncodeEioPacket(EioType::kMessage, EncodeSioEvent(event, data));
  uint64_t sent = 0;
  for (const auto& s : targets) {
    if (s->Push(packet)) {
      ++sent;
    } else if (!s->closed()) {
      Drop(s, "slow consumer");
    }
  }
  events_sent_ += sent;
  EventsCounter(event).Increment(static_cast<double>(sent));
}

prometheus::Counter& SocketServer::EventsCounter(std::string_view event) {
  std::lock_guard lock(counters_mu_);
  auto it = event_counters_.find(event);
  if (it == event_counters_.end()) {
    it = event_counters_.emplace(std::string(event), &events_family_.Add({{"event", std::string(event)}})).first;
  }
  return *it->second;
}

void SocketServer::ToUser(const std::string& user_id, std::string_view event, const json::value& data) {
  std::vector<SessionPtr> targets;
  {
    std::lock_guard lock(mu_);
    auto it = rooms_.find(user_id);
    if (it != rooms_.end()) targets.assign(it->second.begin(), it->second.end());
  }
  Deliver(targets, event, data);
}

void SocketServer::ToAll(std::string_view event, const json::value& data) {
  std::vector<SessionPtr> targets;
  {
    std::lock_guard lock(mu_);
    for (auto& [user, room] : rooms_) targets.insert(targets.end(), room.begin(), room.end());
  }
  Deliver(targets, event, data);
}

std::vector<std::string> SocketServer::users() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  out.reserve(rooms_.size());
  for (auto& [user, room] : rooms_) out.push_back(user);
  return out;
}

size_t SocketServer::connected_sockets() const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (auto& [user, room] : rooms_) n += room.size();
  return n;
}

size_t SocketServer::sessions() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

}  // namespace echotune::realtime
