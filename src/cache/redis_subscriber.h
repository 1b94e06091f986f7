// RedisSubscriber: one dedicated Redis connection in subscribed mode (pub/sub
// needs a connection of its own: once subscribed it can send no other
// command). It SUBSCRIBEs to fixed channels and PSUBSCRIBEs to fixed
// patterns, hands every message to a callback, and when the connection is
// lost (or never comes up) reconnects with backoff and subscribes again.
//
// Messages published while the connection is down are lost (Redis pub/sub
// keeps nothing); the `on_subscribed` hook says when a subscription was
// resumed after a gap, so the owner can catch up from the system of record.
// A half-open connection (a host gone without a FIN) is found by TCP
// keepalive; a crashed or restarted server closes the socket and is noticed
// at once.
//
// Threading: hiredis runs on a private strand of `io`; the callbacks run on
// that strand, one at a time, and must not block. Start/Stop and subscribed()
// may be called from any thread. Create returns a shared owner; handlers keep
// the object alive while the io_context runs them.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cache/redis_connection.h"
#include "cache/redis_url.h"

struct redisAsyncContext;

namespace echotune::cache {

class RedisSubscriber final : public std::enable_shared_from_this<RedisSubscriber> {
 public:
  struct Topics {
    std::vector<std::string> channels;  // SUBSCRIBE
    std::vector<std::string> patterns;  // PSUBSCRIBE
  };
  // A message: the channel it was published on and its payload (any bytes).
  using MessageHook = std::function<void(std::string_view channel, std::string_view payload)>;
  // Every topic is confirmed; `resumed` is false the first time, true after a
  // reconnect (messages may have been missed in between).
  using SubscribedHook = std::function<void(bool resumed)>;

  // REQUIRES: topics not both empty.
  static std::shared_ptr<RedisSubscriber> Create(boost::asio::io_context& io, RedisUrl url, Topics topics,
                                                 RedisOptions options = {});
  ~RedisSubscriber();
  RedisSubscriber(const RedisSubscriber&) = delete;
  RedisSubscriber& operator=(const RedisSubscriber&) = delete;

  // Begins connecting in the background. Call once. Thread-safe.
  void Start(MessageHook on_message, SubscribedHook on_subscribed);
  // Closes the connection and stops reconnecting; no hook runs afterwards
  // once the strand has processed it. Thread-safe, idempotent.
  void Stop();

  // Every topic is confirmed on the current connection.
  bool subscribed() const { return subscribed_.load(std::memory_order_acquire); }
  // Subscriptions confirmed so far, counting each reconnect (for tests and logs).
  uint64_t subscriptions() const { return subscriptions_.load(std::memory_order_relaxed); }

  // Public for std::make_shared only; use Create.
  struct Private {};
  RedisSubscriber(Private, boost::asio::io_context& io, RedisUrl url, Topics topics, RedisOptions options);

 private:
  static void OnReplyThunk(redisAsyncContext* context, void* reply, void* privdata);
  static void OnAuthThunk(redisAsyncContext* context, void* reply, void* privdata);
  void OnReply(const void* reply);
  void Connect();
  void SendSubscriptions();
  void Teardown();
  void OnContextGone();
  void ScheduleReconnect();
  void ArmSubscribeTimeout();

  const RedisUrl url_;
  const Topics topics_;
  const RedisOptions options_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;

  // Strand-only state.
  redisAsyncContext* context_ = nullptr;  // owned by hiredis; freed via Teardown
  std::chrono::milliseconds backoff_;
  boost::asio::steady_timer reconnect_timer_;
  boost::asio::steady_timer subscribe_timer_;  // a connection that never confirms is dropped
  MessageHook on_message_;
  SubscribedHook on_subscribed_;
  size_t confirmed_ = 0;  // topics confirmed on the current context
  bool ever_subscribed_ = false;
  bool stopping_ = false;
  bool down_logged_ = false;

  std::atomic<bool> subscribed_{false};
  std::atomic<uint64_t> subscriptions_{0};
};

}  // namespace echotune::cache
