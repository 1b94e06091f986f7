#include "cache/redis_asio_adapter.h"

#include <hiredis/async.h>

namespace echotune::cache {
namespace asio = boost::asio;

RedisAsioAdapter::RedisAsioAdapter(redisAsyncContext* context, asio::any_io_executor executor,
                                   std::function<void()> on_cleanup)
    : context_(context), socket_(std::move(executor)), on_cleanup_(std::move(on_cleanup)) {}

bool RedisAsioAdapter::Attach(redisAsyncContext* context, asio::any_io_executor executor,
                              std::function<void()> on_cleanup) {
  auto adapter =
      std::make_shared<RedisAsioAdapter>(context, std::move(executor), std::move(on_cleanup));
  boost::system::error_code ec;
  adapter->socket_.assign(context->c.fd, ec);
  if (ec) return false;
  adapter->self_ = adapter;
  context->ev.data = adapter.get();
  context->ev.addRead = &AddRead;
  context->ev.delRead = &DelRead;
  context->ev.addWrite = &AddWrite;
  context->ev.delWrite = &DelWrite;
  context->ev.cleanup = &Cleanup;
  return true;
}

void RedisAsioAdapter::AddRead(void* self) { static_cast<RedisAsioAdapter*>(self)->Want(kRead, true); }
void RedisAsioAdapter::DelRead(void* self) { static_cast<RedisAsioAdapter*>(self)->Want(kRead, false); }
void RedisAsioAdapter::AddWrite(void* self) { static_cast<RedisAsioAdapter*>(self)->Want(kWrite, true); }
void RedisAsioAdapter::DelWrite(void* self) { static_cast<RedisAsioAdapter*>(self)->Want(kWrite, false); }
void RedisAsioAdapter::Cleanup(void* self) { static_cast<RedisAsioAdapter*>(self)->Detach(); }

// hiredis expects level-triggered hooks: "want read" holds until DelRead. A
// stream_descriptor wait fires once, so OnReady re-arms while still wanted. A
// wait can't be cancelled per direction, so DelRead/DelWrite only clear the
// flag and a stale wakeup is ignored.
void RedisAsioAdapter::Want(Direction direction, bool want) {
  want_[direction] = want;
  if (want) Arm(direction);
}

void RedisAsioAdapter::Arm(Direction direction) {
  if (context_ == nullptr || waiting_[direction]) return;
  waiting_[direction] = true;
  const auto type = direction == kRead ? asio::posix::stream_descriptor::wait_read
                                       : asio::posix::stream_descriptor::wait_write;
  socket_.async_wait(type, [self = shared_from_this(), direction](const auto& ec) {
    self->OnReady(direction, ec);
  });
}

void RedisAsioAdapter::OnReady(Direction direction, const boost::system::error_code& ec) {
  waiting_[direction] = false;
  if (ec || context_ == nullptr || !want_[direction]) return;
  // Either call may free the context (on EOF or error), which runs Detach.
  if (direction == kRead) {
    ReadAvailable();
  } else {
    redisAsyncHandleWrite(context_);
  }
  if (want_[direction]) Arm(direction);
}

// hiredis reads at most 16 KiB per call; with many pipelined replies waiting,
// draining them here saves a reactor round trip per 16 KiB.
void RedisAsioAdapter::ReadAvailable() {
  for (int i = 0; i < kMaxReadsPerWakeup && context_ != nullptr; ++i) {
    redisAsyncHandleRead(context_);
    if (context_ == nullptr) return;
    asio::posix::stream_descriptor::bytes_readable readable(true);
    boost::system::error_code ec;
    socket_.io_control(readable, ec);
    if (ec || readable.get() == 0) return;
  }
}

// Called by hiredis just before it closes the fd and frees the context.
void RedisAsioAdapter::Detach() {
  context_ = nullptr;
  want_[kRead] = want_[kWrite] = false;
  boost::system::error_code ignored;
  socket_.cancel(ignored);
  (void)socket_.release();  // hiredis owns and closes the fd
  if (on_cleanup_) on_cleanup_();
  // Pending waits still hold a reference until they run; if none does, this
  // is destroyed when `keep` goes out of scope, after the last member access.
  auto keep = std::move(self_);
}

}  // namespace echotune::cache
