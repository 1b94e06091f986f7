// RedisConnection: one pipelined hiredis connection driven by the service's
// io_context, with command timeouts and reconnect-with-backoff.
//
// Threading: all connection state lives on a private strand of the
// io_context. Execute() may be called from any thread; the command is posted
// to the strand and the caller resumes on its own executor. state() and
// LatencyMs() are atomics readable from anywhere.
//
// Lifecycle: Create, then Start; Stop (or the last reference going away)
// closes the socket. Handlers keep the object alive through shared_ptr, so
// dropping the owner's reference while the io_context runs is safe. REQUIRES:
// no Execute() is still awaiting when the io_context itself is destroyed.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cache/redis_reply.h"
#include "cache/redis_url.h"

struct redisAsyncContext;

namespace echotune::cache {

struct RedisOptions {
  // A command with no reply after this long fails, and the connection is
  // considered lost (torn down, then reconnected with backoff).
  std::chrono::milliseconds command_timeout{250};
  // Reconnect delays: initial, doubled after each failure, capped.
  std::chrono::milliseconds backoff_initial{100};
  std::chrono::milliseconds backoff_max{5000};
  // A PING this often while connected, for latency and to notice a hung server.
  std::chrono::milliseconds ping_interval{1000};
};

class RedisConnection final : public std::enable_shared_from_this<RedisConnection> {
 public:
  enum class State { kDisconnected, kHandshaking, kConnected };

  // Runs on the strand after AUTH/SELECT/PING succeed on a new connection and
  // before the state becomes kConnected; Execute() works inside it.
  using ReadyHook = std::function<boost::asio::awaitable<void>(RedisConnection&)>;

  using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;

  static std::shared_ptr<RedisConnection> Create(boost::asio::io_context& io, RedisUrl url,
                                                 RedisOptions options);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Begins connecting in the background (never blocks). Call once. Thread-safe.
  void Start(ReadyHook on_ready);
  // Closes the connection and stops reconnecting; commands in flight complete
  // with nullopt. Thread-safe, idempotent.
  void Stop();

  // Sends one command (argv form, binary-safe), pipelined with every other
  // command in flight. Completes with the reply (which may be an error reply),
  // or nullopt when there is no connection, on timeout, or when the connection
  // drops first. Never throws. Thread-safe.
  boost::asio::awaitable<std::optional<RedisReply>> Execute(std::vector<std::string> args);

  State state() const { return state_.load(std::memory_order_acquire); }
  // Round trip of the last successful PING, in milliseconds; nullopt when not connected.
  std::optional<double> LatencyMs() const;

  // Public for std::make_shared only; use Create.
  struct Private {};
  RedisConnection(Private, boost::asio::io_context& io, RedisUrl url, RedisOptions options);

 private:
  struct Pending;
  using PendingPtr = std::shared_ptr<Pending>;

  static void OnReplyThunk(redisAsyncContext* context, void* reply, void* privdata);

  void Send(const PendingPtr& pending, const std::vector<std::string>& args);
  void OnReply(const PendingPtr& pending, const void* reply);
  void OnTimeout(const PendingPtr& pending);
  void Complete(const PendingPtr& pending, std::optional<RedisReply> reply);

  void Connect();
  boost::asio::awaitable<void> Handshake(uint64_t generation);
  boost::asio::awaitable<bool> Command(std::vector<std::string> args);
  boost::asio::awaitable<void> PingLoop(uint64_t generation);
  void Teardown();
  void OnContextGone();
  void ScheduleReconnect();
  void SetState(State state);

  const RedisUrl url_;
  const RedisOptions options_;
  Strand strand_;

  // Strand-only state.
  redisAsyncContext* context_ = nullptr;  // owned by hiredis; freed via Teardown
  uint64_t generation_ = 0;  // bumped for every new context
  std::chrono::milliseconds backoff_;
  boost::asio::steady_timer reconnect_timer_;
  boost::asio::steady_timer ping_timer_;
  ReadyHook on_ready_;
  bool stopping_ = false;
  bool serving_ = false;  // reached kConnected on the current context
  bool down_logged_ = false;

  // Readable from any thread.
  std::atomic<State> state_{State::kDisconnected};
  std::atomic<double> latency_ms_{0.0};
};

}  // namespace echotune::cache
