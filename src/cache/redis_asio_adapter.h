// RedisAsioAdapter: runs a hiredis async context on an asio executor. It
// implements hiredis's event hooks (addRead/delRead/addWrite/delWrite/cleanup)
// with a posix::stream_descriptor that waits for read/write readiness of the
// connection's socket and then calls redisAsyncHandleRead/Write.
//
// Not thread-safe: every hiredis call on the context, and `executor`, must be
// one strand (or a single-threaded io_context). hiredis keeps the adapter
// alive: it lives from Attach until hiredis frees the context (the cleanup
// hook) plus any readiness wait still queued on the executor.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <functional>
#include <memory>

struct redisAsyncContext;

namespace echotune::cache {

class RedisAsioAdapter final : public std::enable_shared_from_this<RedisAsioAdapter> {
 public:
  // Installs the hooks on `context` (REQUIRES: no adapter attached yet and the
  // socket created, i.e. context->c.fd valid). `on_cleanup` runs inside
  // hiredis when it frees the context, after which the context is gone.
  // Returns false (nothing attached) if the descriptor cannot be watched.
  static bool Attach(redisAsyncContext* context, boost::asio::any_io_executor executor,
                     std::function<void()> on_cleanup);

  RedisAsioAdapter(redisAsyncContext* context, boost::asio::any_io_executor executor,
                   std::function<void()> on_cleanup);
  RedisAsioAdapter(const RedisAsioAdapter&) = delete;
  RedisAsioAdapter& operator=(const RedisAsioAdapter&) = delete;

 private:
  enum Direction { kRead = 0, kWrite = 1 };
  static constexpr int kMaxReadsPerWakeup = 16;

  static void AddRead(void* self);
  static void DelRead(void* self);
  static void AddWrite(void* self);
  static void DelWrite(void* self);
  static void Cleanup(void* self);

  void Want(Direction direction, bool want);
  void Arm(Direction direction);
  void OnReady(Direction direction, const boost::system::error_code& ec);
  void ReadAvailable();
  void Detach();

  redisAsyncContext* context_;  // null once hiredis has freed it
  boost::asio::posix::stream_descriptor socket_;  // watches context_'s fd, never owns it
  std::function<void()> on_cleanup_;
  bool want_[2] = {false, false};
  bool waiting_[2] = {false, false};
  // Keeps this alive while attached; released by the cleanup hook.
  std::shared_ptr<RedisAsioAdapter> self_;
};

}  // namespace echotune::cache
