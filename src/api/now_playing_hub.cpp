#include "api/now_playing_hub.h"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <vector>

namespace echotune::api {

using boost::asio::awaitable;

NowPlayingHub::NowPlayingHub(spotify::Player& player, std::chrono::milliseconds interval,
                             std::shared_ptr<NowPlayingLease> lease)
    : player_(player), interval_(interval), lease_(std::move(lease)) {
  thread_ = std::thread([this] {
    auto guard = boost::asio::make_work_guard(io_);
    io_.run();
  });
}

NowPlayingHub::~NowPlayingHub() {
  io_.stop();
  thread_.join();
}

NowPlayingHub::SubscriptionId NowPlayingHub::Subscribe(const std::string& user_id, Callback callback) {
  bool start = false;
  SubscriptionId id;
  {
    std::lock_guard lock(mu_);
    id = next_id_++;
    User& u = users_[user_id];
    u.subscribers.emplace(id, std::move(callback));
    owners_[id] = user_id;
    start = !u.polling;
    u.polling = true;
  }
  if (start) boost::asio::co_spawn(io_, Poll(user_id), boost::asio::detached);
  return id;
}

void NowPlayingHub::Unsubscribe(SubscriptionId id) {
  std::lock_guard lock(mu_);
  auto owner = owners_.find(id);
  if (owner == owners_.end()) return;
  auto u = users_.find(owner->second);
  if (u != users_.end()) u->second.subscribers.erase(id);
  owners_.erase(owner);
}

int NowPlayingHub::polling_users() const {
  std::lock_guard lock(mu_);
  int n = 0;
  for (const auto& [id, u] : users_) n += u.polling;
  return n;
}

// False (and the user's poll marked stopped) when nobody listens any more.
bool NowPlayingHub::StillWanted(const std::string& user_id) {
  std::lock_guard lock(mu_);
  auto it = users_.find(user_id);
  if (it == users_.end()) return false;
  if (!it->second.subscribers.empty()) return true;
  users_.erase(it);
  return false;
}

void NowPlayingHub::Publish(const std::string& user_id, const NowPlayingEvent& event) {
  std::vector<Callback> callbacks;
  {
    std::lock_guard lock(mu_);
    auto it = users_.find(user_id);
    if (it == users_.end()) return;
    for (const auto& [id, cb] : it->second.subscribers) callbacks.push_back(cb);
  }
  for (const auto& cb : callbacks) {
    try {
      cb(user_id, event);
    } catch (const std::exception& e) {
      spdlog::error("now-playing subscriber failed: {}", e.what());
    }
  }
}

namespace {

// How long a lease lasts without renewal: a few polls, so a slow Spotify
// answer does not hand the user to a second poller, and an instance that died
// is replaced within seconds.
std::chrono::milliseconds LeaseTtl(std::chrono::milliseconds interval) {
  return std::max(3 * interval, std::chrono::milliseconds(5000));
}

}  // namespace

awaitable<void> NowPlayingHub::Poll(std::string user_id) {
  std::string last_playback, last_queue;
  boost::asio::steady_timer timer(io_);
  bool held = false;
  while (StillWanted(user_id)) {
    held = true;
    if (lease_) held = co_await lease_->Hold(user_id, LeaseTtl(interval_));
    if (!held) {
      // Another instance polls and publishes to every socket of the user.
      // Forget what was seen: if the lease comes here, the first poll
      // publishes the state it finds.
      last_playback.clear();
      last_queue.clear();
      timer.expires_after(interval_);
      co_await timer.async_wait(boost::asio::use_awaitable);
      continue;
    }
    auto playback = co_await player_.Playback(user_id);
    if (playback.ok()) {
      boost::json::object compared = *playback;
      compared.erase("progressMs");  // moves every second: not a change worth a push
      std::string key = boost::json::serialize(compared);
      if (key != last_playback && StillWanted(user_id)) {
        last_playback = key;
        Publish(user_id, NowPlayingEvent{"now_playing", std::move(*playback)});
      }
      auto queue = co_await player_.Queue(user_id);
      if (queue.ok()) {
        std::string qkey = boost::json::serialize(*queue);
        if (qkey != last_queue && StillWanted(user_id)) {
          last_queue = qkey;
          Publish(user_id, NowPlayingEvent{"queue_update", std::move(*queue)});
        }
      }
    }
    timer.expires_after(interval_);
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
  if (lease_ && held) co_await lease_->Release(user_id);
}

}  // namespace echotune::api
