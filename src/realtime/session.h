// Session: one Engine.IO connection (sid) and, once CONNECTed, its Socket.IO
// socket. Holds the bounded outbox of encoded Engine.IO packets that the
// transport (a WebSocket writer, or the pending long-polling GET) drains, and
// the heartbeat state.
//
// Thread-safety: every method may be called from any thread; mu_ guards the
// mutable state. A transport waits for packets with WaitForPackets on its own
// executor; Push wakes it by posting to that executor.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace echotune::realtime {

enum class Transport { kPolling, kWebSocket };

class Session final : public std::enable_shared_from_this<Session> {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  struct Limits {
    size_t max_packets = 1024;        // queued, not yet sent
    size_t max_bytes = 4 * 1000 * 1000;
  };

  Session(std::string sid, std::string client_ip, Transport transport, TimePoint now, Limits limits);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const std::string& sid() const { return sid_; }
  const std::string& client_ip() const { return client_ip_; }

  // Queues one encoded Engine.IO packet. False (nothing queued) when the
  // session is closed or the outbox is full — the caller then drops the
  // session as a slow consumer.
  bool Push(std::string packet);
  // Waits (on the caller's executor) until packets are queued or the session
  // closes (or an upgrade is in progress), then takes them all. Empty result:
  // closed, upgrading, or `wait_limit` passed
  // (polling answers with a noop then). Only one waiter at a time: a second
  // one gets nullopt (the protocol's "overlapping GET" error).
  boost::asio::awaitable<std::optional<std::vector<std::string>>> WaitForPackets(
      std::chrono::steady_clock::duration wait_limit);
  // Wakes the current waiter with an empty answer (polling: after an upgrade).
  void WakeWaiter();

  // Closes the session once; the first reason wins. Wakes the waiter.
  // Returns false when it was already closed.
  bool Close(std::string reason);
  bool closed() const;
  std::string close_reason() const;

  // Socket.IO state.
  void SetUser(std::string user_id, std::string token);
  std::string user_id() const;
  std::string token() const;
  bool connected() const;  // the CONNECT succeeded

  Transport transport() const;
  void SetTransport(Transport t);
  // Upgrade in progress (probe answered, waiting for the "5" packet).
  void SetUpgrading(bool u);
  bool upgrading() const;

  // Heartbeat: the server pings every ping_interval and expects a pong within
  // ping_timeout. Tick returns the reason to close (or empty): "ping timeout",
  // or "connect timeout" when no CONNECT arrived within connect_timeout.
  struct Heartbeat {
    std::chrono::milliseconds ping_interval{25000};
    std::chrono::milliseconds ping_timeout{20000};
    std::chrono::milliseconds connect_timeout{45000};
  };
  std::string Tick(TimePoint now, const Heartbeat& hb);
  void OnPong();

 private:
  const std::string sid_;
  const std::string client_ip_;
  const TimePoint created_;
  const Limits limits_;

  mutable std::mutex mu_;  // guards everything below
  std::deque<std::string> outbox_;
  size_t outbox_bytes_ = 0;
  std::shared_ptr<boost::asio::steady_timer> waiter_;
  bool closed_ = false;
  std::string close_reason_;
  std::string user_id_, token_;
  bool connected_ = false;
  Transport transport_;
  bool upgrading_ = false;
  TimePoint next_ping_;
  std::optional<TimePoint> ping_sent_;
};

}  // namespace echotune::realtime
