// RecommendationUpdates: where freshly computed recommendations of a user are
// announced (SYSTEM.md §6.2 "push recommendation_update"). The background
// refresh publishes; the Socket.IO layer subscribes and pushes the event to
// the user's sockets.
//
// Thread-safety: every method may be called from any thread. Publish calls the
// subscribers on the publishing thread (a worker), outside any lock, so a
// callback may Subscribe or Unsubscribe; callbacks must be quick and must not
// block (post real work elsewhere). A callback that throws is logged and the
// others still run.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace echotune::api {

struct RecommendationUpdate {
  std::string recommendation_id;  // the saved recommendations document
  std::string strategy;           // e.g. "hybrid"
  boost::json::array tracks;      // as the data of GET /api/recommendations
  boost::json::object meta;       // as its meta (cached = true: the cache holds it)
};

class RecommendationUpdates final {
 public:
  using Callback = std::function<void(const std::string& user_id, const RecommendationUpdate& update)>;
  using SubscriptionId = uint64_t;

  RecommendationUpdates() = default;
  RecommendationUpdates(const RecommendationUpdates&) = delete;
  RecommendationUpdates& operator=(const RecommendationUpdates&) = delete;

  // Registers `callback` for every later Publish. REQUIRES: callback non-empty.
  SubscriptionId Subscribe(Callback callback);
  // After it returns, `id`'s callback is not called by a Publish that starts
  // later (one already running may still call it). Unknown ids are ignored.
  void Unsubscribe(SubscriptionId id);
  // Calls every subscriber with (user_id, update).
  void Publish(const std::string& user_id, const RecommendationUpdate& update) const;

 private:
  struct Subscriber {
    SubscriptionId id;
    Callback callback;
  };
  using List = std::vector<Subscriber>;

  mutable std::mutex mu_;  // guards subscribers_ (the pointer) and next_id_
  std::shared_ptr<const List> subscribers_ = std::make_shared<const List>();  // copy-on-write
  SubscriptionId next_id_ = 1;
};

}  // namespace echotune::api
