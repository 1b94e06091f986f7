// KnownUsers: a short memo of "this user id exists in the store", for the
// per-request check that a token's user was not deleted (IsTokenRevoked).
// Without it every authenticated request would take a worker-pool hop and
// a store lookup, and could wait behind slow work (an analytics export, a
// model load) on the pool. Only positive answers are kept, for `ttl`: a user
// deleted meanwhile (`echotune delete-user` runs in another process, so no
// one can tell this one) is refused at most `ttl` later. Bounded: the memo
// is cleared when it reaches `max_entries`.
//
// Thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/worker_pool.h"
#include "store/store.h"

namespace echotune::api {

class KnownUsers final {
 public:
  KnownUsers(const core::Clock& clock, std::chrono::seconds ttl = std::chrono::seconds(30),
             size_t max_entries = 100000)
      : clock_(clock), ttl_(ttl), max_entries_(max_entries) {}
  KnownUsers(const KnownUsers&) = delete;
  KnownUsers& operator=(const KnownUsers&) = delete;

  // False only when the store answered that `user` does not exist; a store
  // failure answers true (the request then fails where it needs the store,
  // with its own 503, rather than as a 401 that would sign the user out).
  boost::asio::awaitable<bool> Exists(core::WorkerPool& workers, store::Store& store, const core::ObjectId& user);
  // Forgets that `user_ids` (hex) exist, e.g. when they were found deleted:
  // their next request asks the store.
  void Forget(const std::vector<std::string>& user_ids);

 private:
  bool Remembered(const std::string& key);
  void Remember(std::string key);

  const core::Clock& clock_;
  const std::chrono::seconds ttl_;
  const size_t max_entries_;
  std::mutex mu_;  // guards seen_
  std::unordered_map<std::string, std::chrono::system_clock::time_point> seen_;  // id → confirmed at
};

}  // namespace echotune::api
