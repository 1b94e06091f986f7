#include "realtime/session.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "realtime/engineio_packet.h"

namespace echotune::realtime {

namespace asio = boost::asio;

Session::Session(std::string sid, std::string client_ip, Transport transport, TimePoint now,
                 Limits limits)
    : sid_(std::move(sid)),
      client_ip_(std::move(client_ip)),
      created_(now),
      limits_(limits),
      transport_(transport),
      next_ping_(now) {}

namespace {
// Cancels a waiting timer on its own executor (timers are not thread-safe).
void Wake(const std::shared_ptr<asio::steady_timer>& timer) {
  if (timer) asio::post(timer->get_executor(), [timer] { timer->cancel(); });
}
}  // namespace

bool Session::Push(std::string packet) {
  std::shared_ptr<asio::steady_timer> waiter;
  {
    std::lock_guard lock(mu_);
    if (closed_) return false;
    if (outbox_.size() >= limits_.max_packets || outbox_bytes_ + packet.size() > limits_.max_bytes) {
      return false;
    }
    outbox_bytes_ += packet.size();
    outbox_.push_back(std::move(packet));
    waiter = waiter_;
  }
  Wake(waiter);
  return true;
}

asio::awaitable<std::optional<std::vector<std::string>>> Session::WaitForPackets(
    std::chrono::steady_clock::duration wait_limit) {
  auto timer = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor);
  const auto deadline = std::chrono::steady_clock::now() + wait_limit;
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (waiter_ && waiter_ != timer) co_return std::nullopt;
      // Upgrading: a long-poll must not hold the client's pause of polling
      // (it answers at once, with a noop when nothing is queued).
      if (!outbox_.empty() || closed_ || upgrading_ || std::chrono::steady_clock::now() >= deadline) {
        if (waiter_ == timer) waiter_.reset();
        std::vector<std::string> out(std::make_move_iterator(outbox_.begin()),
                                     std::make_move_iterator(outbox_.end()));
        outbox_.clear();
        outbox_bytes_ = 0;
        co_return out;
      }
      waiter_ = timer;
      timer->expires_at(deadline);
    }
    // A wake posted after the unlock runs after this wait has started: both
    // run on this executor, and nothing suspends in between.
    auto [ec] = co_await timer->async_wait(asio::as_tuple(asio::use_awaitable));
    std::lock_guard lock(mu_);
    if (waiter_ == timer && ec && outbox_.empty() && !closed_) {
      // Woken without packets: WakeWaiter (the poll must end now).
      waiter_.reset();
      co_return std::vector<std::string>{};
    }
  }
}

void Session::WakeWaiter() {
  std::shared_ptr<asio::steady_timer> waiter;
  {
    std::lock_guard lock(mu_);
    waiter = waiter_;
  }
  Wake(waiter);
}

bool Session::Close(std::string reason) {
  std::shared_ptr<asio::steady_timer> waiter;
  {
    std::lock_guard lock(mu_);
    if (closed_) return false;
    closed_ = true;
    close_reason_ = std::move(reason);
    waiter = waiter_;
  }
  Wake(waiter);
  return true;
}

bool Session::closed() const {
  std::lock_guard lock(mu_);
  return closed_;
}

std::string Session::close_reason() const {
  std::lock_guard lock(mu_);
  return close_reason_;
}

void Session::SetUser(std::string user_id, std::string token) {
  std::lock_guard lock(mu_);
  user_id_ = std::move(user_id);
  token_ = std::move(token);
  connected_ = true;
}

std::string Session::user_id() const {
  std::lock_guard lock(mu_);
  return user_id_;
}

std::string Session::token() const {
  std::lock_guard lock(mu_);
  return token_;
}

bool Session::connected() const {
  std::lock_guard lock(mu_);
  return connected_;
}

Transport Session::transport() const {
  std::lock_guard lock(mu_);
  return transport_;
}

void Session::SetTransport(Transport t) {
  std::lock_guard lock(mu_);
  transport_ = t;
}

void Session::SetUpgrading(bool u) {
  std::lock_guard lock(mu_);
  upgrading_ = u;
}

bool Session::upgrading() const {
  std::lock_guard lock(mu_);
  return upgrading_;
}

std::string Session::Tick(TimePoint now, const Heartbeat& hb) {
  bool ping = false;
  {
    std::lock_guard lock(mu_);
    if (closed_) return {};
    if (!connected_ && now - created_ >= hb.connect_timeout) return "connect timeout";
    if (ping_sent_) {
      if (now - *ping_sent_ >= hb.ping_timeout) return "ping timeout";
    } else if (now >= next_ping_ + hb.ping_interval) {
      ping_sent_ = now;
      ping = true;
    }
  }
  if (ping && !Push(EncodeEioPacket(EioType::kPing))) return "slow consumer";
  return {};
}

void Session::OnPong() {
  std::lock_guard lock(mu_);
  if (ping_sent_) next_ping_ = *ping_sent_;
  ping_sent_.reset();
}

}  // namespace echotune::realtime
