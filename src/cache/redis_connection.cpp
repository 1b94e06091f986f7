#include "cache/redis_connection.h"

#include <hiredis/async.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>
#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "cache/redis_asio_adapter.h"

namespace echotune::cache {
namespace asio = boost::asio;
using Handler = asio::any_completion_handler<void(std::optional<RedisReply>)>;

// One command in flight. Shared by the hiredis callback (through privdata)
// and the timeout timer; whichever comes first completes it (`done`).
struct RedisConnection::Pending {
  Pending(Handler h, asio::any_io_executor caller, const Strand& strand)
      : handler(std::move(h)), work(std::move(caller)), timer(strand) {}
  Handler handler;
  asio::any_io_executor work;  // the caller's executor, work tracked while pending
  asio::steady_timer timer;
  bool done = false;
};

namespace {

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

std::shared_ptr<RedisConnection> RedisConnection::Create(asio::io_context& io, RedisUrl url,
                                                         RedisOptions options) {
  return std::make_shared<RedisConnection>(Private{}, io, std::move(url), options);
}

RedisConnection::RedisConnection(Private, asio::io_context& io, RedisUrl url,
                                 RedisOptions options)
    : url_(std::move(url)),
      options_(options),
      strand_(asio::make_strand(io)),
      backoff_(options.backoff_initial),
      reconnect_timer_(strand_),
      ping_timer_(strand_) {}

// Only reached when no handler holds a reference, i.e. the io_context is not
// running any of ours: freeing here cannot race with the strand.
RedisConnection::~RedisConnection() {
  if (context_ == nullptr) return;
  context_->data = nullptr;  // reply callbacks now just drop their commands
  redisAsyncFree(context_);
}

void RedisConnection::Start(ReadyHook on_ready) {
  asio::post(strand_, [self = shared_from_this(), hook = std::move(on_ready)]() mutable {
    self->on_ready_ = std::move(hook);
    self->Connect();
  });
}

void RedisConnection::Stop() {
  asio::post(strand_, [self = shared_from_this()] {
    self->stopping_ = true;
    self->reconnect_timer_.cancel();
    self->ping_timer_.cancel();
    self->Teardown();
    self->on_ready_ = nullptr;
  });
}

std::optional<double> RedisConnection::LatencyMs() const {
  if (state() != State::kConnected) return std::nullopt;
  return latency_ms_.load(std::memory_order_relaxed);
}

void RedisConnection::SetState(State state) { state_.store(state, std::memory_order_release); }

// --- commands -----------------------------------------------------------------

asio::awaitable<std::optional<RedisReply>> RedisConnection::Execute(
    std::vector<std::string> args) {
  auto initiate = [self = shared_from_this()](auto handler, std::vector<std::string> argv) {
    auto caller = asio::prefer(asio::get_associated_executor(handler),
                               asio::execution::outstanding_work.tracked);
    auto pending = std::make_shared<Pending>(Handler(std::move(handler)), caller, self->strand_);
    asio::post(self->strand_, [self, pending, argv = std::move(argv)] {
      self->Send(pending, argv);
    });
  };
  co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&,
                                          void(std::optional<RedisReply>)>(
      std::move(initiate), asio::use_awaitable, std::move(args));
}

void RedisConnection::Send(const PendingPtr& pending, const std::vector<std::string>& args) {
  if (context_ == nullptr) return Complete(pending, std::nullopt);
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (const auto& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  // hiredis hands privdata back to OnReplyThunk exactly once (with the reply,
  // or with NULL when the context is freed first).
  auto holder = std::make_unique<PendingPtr>(pending);
  if (redisAsyncCommandArgv(context_, &OnReplyThunk, holder.get(), static_cast<int>(argv.size()),
                            argv.data(), lengths.data()) != REDIS_OK) {
    return Complete(pending, std::nullopt);
  }
  (void)holder.release();
  pending->timer.expires_after(options_.command_timeout);
  pending->timer.async_wait(
      [self = shared_from_this(), weak = std::weak_ptr<Pending>(pending)](const auto& ec) {
        if (auto p = weak.lock(); p && !ec) self->OnTimeout(p);
      });
}

void RedisConnection::OnReplyThunk(redisAsyncContext* context, void* reply, void* privdata) {
  std::unique_ptr<PendingPtr> holder(static_cast<PendingPtr*>(privdata));
  if (auto* self = static_cast<RedisConnection*>(context->data)) self->OnReply(*holder, reply);
}

void RedisConnection::OnReply(const PendingPtr& pending, const void* reply) {
  if (pending->done) return;  // timed out earlier
  pending->timer.cancel();
  if (reply == nullptr) {
    // Only a dying context fails commands: say so before the caller resumes.
    SetState(State::kDisconnected);
    return Complete(pending, std::nullopt);
  }
  Complete(pending, RedisReply::From(*static_cast<const redisReply*>(reply)));
}

// Tears down before completing, so the caller never resumes to a state()
// that still says kConnected. Freeing the context fails every command in
// flight, this one included.
void RedisConnection::OnTimeout(const PendingPtr& pending) {
  if (pending->done) return;
  spdlog::warn("redis: no reply within {} ms; dropping the connection",
               options_.command_timeout.count());
  Teardown();
  if (!pending->done) Complete(pending, std::nullopt);
}

// Resumes the caller on its own executor: never inline on the strand.
void RedisConnection::Complete(const PendingPtr& pending, std::optional<RedisReply> reply) {
  pending->done = true;
  asio::post(pending->work, [h = std::move(pending->handler), r = std::move(reply)]() mutable {
    std::move(h)(std::move(r));
  });
  pending->work = asio::any_io_executor();
}

// --- connection lifecycle ----------------------------------------------------

void RedisConnection::Connect() {
  if (stopping_ || context_ != nullptr) return;
  redisAsyncContext* context = redisAsyncConnect(url_.host.c_str(), url_.port);
  const bool failed = context == nullptr || context->err != 0;
  std::weak_ptr<RedisConnection> weak = weak_from_this();
  if (failed || !RedisAsioAdapter::Attach(context, strand_, [weak] {
        if (auto self = weak.lock()) self->OnContextGone();
      })) {
    if (!down_logged_) {
      spdlog::warn("redis: cannot connect to {}:{} ({}); using the in-process cache", url_.host,
                   url_.port, context != nullptr ? context->errstr : "out of memory");
      down_logged_ = true;
    }
    if (context != nullptr) redisAsyncFree(context);
    return ScheduleReconnect();
  }
  context->data = this;
  LimitReplyArrays(*context->c.reader);
  context_ = context;
  SetState(State::kHandshaking);
  asio::co_spawn(strand_, Handshake(++generation_), asio::detached);
}

// AUTH, SELECT and PING are pipelined behind the non-blocking connect; any
// failure tears the context down, which schedules the next attempt.
asio::awaitable<void> RedisConnection::Handshake(uint64_t generation) {
  auto keep_alive = shared_from_this();
  bool ok = true;
  if (!url_.password.empty()) {
    std::vector<std::string> auth{"AUTH"};
    if (!url_.user.empty()) auth.push_back(url_.user);
    auth.push_back(url_.password);
    ok = co_await Command(std::move(auth));
  }
  if (ok && url_.db != 0) {
    std::vector<std::string> select{"SELECT", std::to_string(url_.db)};
    ok = co_await Command(std::move(select));
  }
  const auto start = std::chrono::steady_clock::now();
  if (ok) ok = co_await Command(std::vector<std::string>(1, "PING"));
  if (generation != generation_) co_return;
  if (!ok) co_return Teardown();
  latency_ms_.store(MillisSince(start), std::memory_order_relaxed);
  if (on_ready_) co_await on_ready_(*this);
  if (generation != generation_ || context_ == nullptr) co_return;
  backoff_ = options_.backoff_initial;
  down_logged_ = false;
  serving_ = true;
  SetState(State::kConnected);
  spdlog::info("redis: connected to {}:{} db {}", url_.host, url_.port, url_.db);
  co_await PingLoop(generation);
}

asio::awaitable<bool> RedisConnection::Command(std::vector<std::string> args) {
  const std::string name = args.front();
  std::optional<RedisReply> reply = co_await Execute(std::move(args));
  if (reply && !reply->IsError()) co_return true;
  if (reply && !down_logged_) {
    spdlog::warn("redis: {} failed: {}", name, reply->str);
    down_logged_ = true;
  }
  co_return false;
}

asio::awaitable<void> RedisConnection::PingLoop(uint64_t generation) {
  while (generation == generation_ && context_ != nullptr && !stopping_) {
    ping_timer_.expires_after(options_.ping_interval);
    boost::system::error_code ec;
    co_await ping_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (generation != generation_ || context_ == nullptr) co_return;
    const auto start = std::chrono::steady_clock::now();
    std::optional<RedisReply> reply = co_await Execute(std::vector<std::string>(1, "PING"));
    if (reply && !reply->IsError()) latency_ms_.store(MillisSince(start), std::memory_order_relaxed);
  }
}

// Frees the context; hiredis fails every command in flight (NULL reply) and
// calls the adapter's cleanup hook, which lands in OnContextGone.
void RedisConnection::Teardown() {
  if (context_ == nullptr) return;
  SetState(State::kDisconnected);
  redisAsyncFree(context_);
}

void RedisConnection::OnContextGone() {
  context_ = nullptr;
  const bool was_serving = std::exchange(serving_, false);
  SetState(State::kDisconnected);
  ping_timer_.cancel();
  if (was_serving && !stopping_) {
    spdlog::warn("redis: connection to {}:{} lost; using the in-process cache", url_.host,
                 url_.port);
  }
  if (!stopping_) ScheduleReconnect();
}

void RedisConnection::ScheduleReconnect() {
  reconnect_timer_.expires_after(backoff_);
  backoff_ = std::min(backoff_ * 2, options_.backoff_max);
  reconnect_timer_.async_wait([self = shared_from_this()](const auto& ec) {
    if (!ec) self->Connect();
  });
}

}  // namespace echotune::cache
