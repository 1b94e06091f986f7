// NowPlayingHub: what a user's Spotify is playing, pushed to whoever listens
// (the real-time layer subscribes and forwards `now_playing` and
// `queue_update` to the user's sockets; SYSTEM.md §8). While a user has at
// least one subscriber, the hub polls GET /v1/me/player and /v1/me/player/queue
// every `interval` (SPOTIFY_NOW_PLAYING_POLL_MS) and publishes when the answer
// changed (the first poll always publishes). A user's polling stops when the
// last subscriber leaves; nothing is polled for nobody.
//
// Polls run as coroutines on the hub's own io_context thread; no thread waits
// for Spotify. Callbacks run on that thread, outside any lock: they must be
// quick and must not block (a callback may Subscribe/Unsubscribe). A poll
// failure (e.g. SPOTIFY_AUTH_REQUIRED) publishes nothing; polling goes on.
//
// With a lease (several instances, api::NowPlayingLease), a user is polled
// by the one instance holding the lease; the others keep their subscribers
// and take over when the holder stops polling (last subscriber gone, or the
// instance died and the lease expired). A new holder publishes the current
// state first, as any first poll does.
// Thread-safe. REQUIRES: `player` outlives the hub.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "api/now_playing_lease.h"
#include "spotify/player.h"

namespace echotune::api {

struct NowPlayingEvent {
  std::string type;          // "now_playing" (data: the playback shape) or "queue_update" (data: {currentlyPlaying, queue})
  boost::json::object data;
};

class NowPlayingHub final {
 public:
  using Callback = std::function<void(const std::string& user_id, const NowPlayingEvent& event)>;
  using SubscriptionId = uint64_t;

  // `lease` null: this instance polls every user it has subscribers for.
  NowPlayingHub(spotify::Player& player, std::chrono::milliseconds interval,
                std::shared_ptr<NowPlayingLease> lease = nullptr);
  ~NowPlayingHub();
  NowPlayingHub(const NowPlayingHub&) = delete;
  NowPlayingHub& operator=(const NowPlayingHub&) = delete;

  // `callback` receives the events of `user_id` (24-hex) until Unsubscribe.
  SubscriptionId Subscribe(const std::string& user_id, Callback callback);
  void Unsubscribe(SubscriptionId id);
  // Users being polled right now.
  int polling_users() const;

 private:
  struct User {
    std::map<SubscriptionId, Callback> subscribers;
    bool polling = false;
  };
  boost::asio::awaitable<void> Poll(std::string user_id);
  void Publish(const std::string& user_id, const NowPlayingEvent& event);
  bool StillWanted(const std::string& user_id);

  spotify::Player& player_;
  const std::chrono::milliseconds interval_;
  const std::shared_ptr<NowPlayingLease> lease_;
  mutable std::mutex mu_;  // guards users_, next_id_
  std::map<std::string, User> users_;
  std::map<SubscriptionId, std::string> owners_;
  SubscriptionId next_id_ = 1;
  boost::asio::io_context io_;
  std::thread thread_;
};

}  // namespace echotune::api
