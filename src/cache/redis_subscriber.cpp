#include "cache/redis_subscriber.h"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cstring>
#include <utility>

#include "cache/redis_asio_adapter.h"

namespace echotune::cache {
namespace asio = boost::asio;

namespace {

std::string_view Text(const redisReply* r) {
  if (r == nullptr || (r->type != REDIS_REPLY_STRING && r->type != REDIS_REPLY_STATUS)) return {};
  return {r->str, r->len};
}

}  // namespace

std::shared_ptr<RedisSubscriber> RedisSubscriber::Create(asio::io_context& io, RedisUrl url, Topics topics,
                                                         RedisOptions options) {
  return std::make_shared<RedisSubscriber>(Private{}, io, std::move(url), std::move(topics), options);
}

RedisSubscriber::RedisSubscriber(Private, asio::io_context& io, RedisUrl url, Topics topics, RedisOptions options)
    : url_(std::move(url)),
      topics_(std::move(topics)),
      options_(options),
      strand_(asio::make_strand(io)),
      backoff_(options.backoff_initial),
      reconnect_timer_(strand_),
      subscribe_timer_(strand_) {}

// Only reached when no handler holds a reference: nothing runs on the strand.
RedisSubscriber::~RedisSubscriber() {
  if (context_ == nullptr) return;
  context_->data = nullptr;  // the callbacks hiredis runs while freeing do nothing
  redisAsyncFree(context_);
}

void RedisSubscriber::Start(MessageHook on_message, SubscribedHook on_subscribed) {
  asio::post(strand_, [self = shared_from_this(), m = std::move(on_message), s = std::move(on_subscribed)]() mutable {
    self->on_message_ = std::move(m);
    self->on_subscribed_ = std::move(s);
    self->Connect();
  });
}

void RedisSubscriber::Stop() {
  asio::post(strand_, [self = shared_from_this()] {
    self->stopping_ = true;
    self->reconnect_timer_.cancel();
    self->subscribe_timer_.cancel();
    self->on_message_ = nullptr;
    self->on_subscribed_ = nullptr;
    self->Teardown();
  });
}

void RedisSubscriber::Connect() {
  if (stopping_ || context_ != nullptr) return;
  redisAsyncContext* context = redisAsyncConnect(url_.host.c_str(), url_.port);
  const bool failed = context == nullptr || context->err != 0;
  std::weak_ptr<RedisSubscriber> weak = weak_from_this();
  if (failed || !RedisAsioAdapter::Attach(context, strand_, [weak] {
        if (auto self = weak.lock()) self->OnContextGone();
      })) {
    if (!down_logged_) {
      spdlog::warn("redis pub/sub: cannot connect to {}:{} ({}); events stay on this instance until it is up",
                   url_.host, url_.port, context != nullptr ? context->errstr : "out of memory");
      down_logged_ = true;
    }
    if (context != nullptr) redisAsyncFree(context);
    return ScheduleReconnect();
  }
  context->data = this;
  context_ = context;
  (void)redisEnableKeepAlive(&context->c);
  if (!url_.password.empty()) {
    // Pipelined before the subscriptions; its reply arrives first.
    if (url_.user.empty()) {
      redisAsyncCommand(context_, &OnAuthThunk, nullptr, "AUTH %b", url_.password.data(), url_.password.size());
    } else {
      redisAsyncCommand(context_, &OnAuthThunk, nullptr, "AUTH %b %b", url_.user.data(), url_.user.size(),
                        url_.password.data(), url_.password.size());
    }
  }
  SendSubscriptions();
  ArmSubscribeTimeout();
}

void RedisSubscriber::SendSubscriptions() {
  confirmed_ = 0;
  for (const auto& c : topics_.channels) {
    redisAsyncCommand(context_, &OnReplyThunk, nullptr, "SUBSCRIBE %b", c.data(), c.size());
  }
  for (const auto& p : topics_.patterns) {
    redisAsyncCommand(context_, &OnReplyThunk, nullptr, "PSUBSCRIBE %b", p.data(), p.size());
  }
}

// A server that accepts the connection but never confirms (hung, or a wrong
// password whose error reply hiredis drops in subscribed mode) is left.
void RedisSubscriber::ArmSubscribeTimeout() {
  subscribe_timer_.expires_after(std::max(options_.command_timeout * 8, std::chrono::milliseconds(2000)));
  subscribe_timer_.async_wait([self = shared_from_this()](const auto& ec) {
    if (ec || self->subscribed()) return;
    self->Teardown();
  });
}

void RedisSubscriber::OnAuthThunk(redisAsyncContext* context, void* reply, void*) {
  auto* self = static_cast<RedisSubscriber*>(context->data);
  auto* r = static_cast<const redisReply*>(reply);
  if (self == nullptr || r == nullptr || r->type != REDIS_REPLY_ERROR) return;
  if (!self->down_logged_) {
    spdlog::warn("redis pub/sub: AUTH failed: {}", std::string_view(r->str, r->len));
    self->down_logged_ = true;
  }
  self->Teardown();  // inside a hiredis callback: hiredis frees once it returns
}

void RedisSubscriber::OnReplyThunk(redisAsyncContext* context, void* reply, void*) {
  // A NULL reply: the context is being freed (OnContextGone follows).
  if (auto* self = static_cast<RedisSubscriber*>(context->data); self && reply) self->OnReply(reply);
}

void RedisSubscriber::OnReply(const void* raw) {
  const auto* r = static_cast<const redisReply*>(raw);
  if (r->type != REDIS_REPLY_ARRAY || r->elements < 3) return;
  const std::string_view kind = Text(r->element[0]);
  try {
    if (kind == "message") {
      if (on_message_) on_message_(Text(r->element[1]), Text(r->element[2]));
    } else if (kind == "pmessage" && r->elements >= 4) {
      if (on_message_) on_message_(Text(r->element[2]), Text(r->element[3]));
    } else if (kind == "subscribe" || kind == "psubscribe") {
      if (++confirmed_ != topics_.channels.size() + topics_.patterns.size()) return;
      subscribe_timer_.cancel();
      backoff_ = options_.backoff_initial;
      down_logged_ = false;
      subscribed_.store(true, std::memory_order_release);
      subscriptions_.fetch_add(1, std::memory_order_relaxed);
      const bool resumed = std::exchange(ever_subscribed_, true);
      spdlog::info("redis pub/sub: subscribed on {}:{}{}", url_.host, url_.port, resumed ? " (resumed)" : "");
      if (on_subscribed_) on_subscribed_(resumed);
    }
  } catch (const std::exception& e) {
    spdlog::error("redis pub/sub: a message handler failed: {}", e.what());
  }
}

// Frees the context; hiredis runs the subscription callbacks with NULL and
// then the adapter's cleanup hook, which lands in OnContextGone.
void RedisSubscriber::Teardown() {
  if (context_ == nullptr) return;
  subscribed_.store(false, std::memory_order_release);
  redisAsyncFree(context_);
}

void RedisSubscriber::OnContextGone() {
  context_ = nullptr;
  confirmed_ = 0;
  subscribe_timer_.cancel();
  const bool was_subscribed = subscribed_.exchange(false, std::memory_order_acq_rel) || ever_subscribed_;
  if (stopping_) return;
  if (was_subscribed && !down_logged_) {
    spdlog::warn("redis pub/sub: connection to {}:{} lost; reconnecting", url_.host, url_.port);
    down_logged_ = true;
  }
  ScheduleReconnect();
}

void RedisSubscriber::ScheduleReconnect() {
  reconnect_timer_.expires_after(backoff_);
  backoff_ = std::min(backoff_ * 2, options_.backoff_max);
  reconnect_timer_.async_wait([self = shared_from_this()](const auto& ec) {
    if (!ec) self->Connect();
  });
}

}  // namespace echotune::cache
