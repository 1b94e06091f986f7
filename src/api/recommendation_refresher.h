// RecommendationRefresher: the background refresh of SYSTEM.md §6.2. Wired to
// RecEngine's refresh hook (every ModelConfig::listens_per_refresh new listens
// of a user), it recomputes the user's default recommendations (those of GET
// /api/recommendations without parameters: hybrid, limit 20) on the worker
// pool, saves them (a new recommendations document, as a GET would), stores
// the response in the cache under the key that GET reads (meta.cached = true,
// the new recommendationId), and publishes them to RecommendationUpdates.
// Nothing is refreshed before the first model is built (cold-start answers
// are never cached). Failures are logged; a refresh has no caller to tell.
//
// Thread-safety: every method may be called from any thread.
// REQUIRES: the store, cache and worker pool of ctx, engine and updates
// outlive it, and the worker pool is stopped (joined) before it is destroyed,
// so no refresh is left running.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "api/api_context.h"
#include "api/recommendation_updates.h"
#include "api/recs_query.h"
#include "api/recs_service.h"
#include "api/refresh_scheduler.h"
#include "recs/rec_engine.h"

namespace echotune::api {

class RecommendationRefresher final {
 public:
  RecommendationRefresher(ApiContext& ctx, recs::RecEngine& engine, RecommendationUpdates& updates);
  RecommendationRefresher(const RecommendationRefresher&) = delete;
  RecommendationRefresher& operator=(const RecommendationRefresher&) = delete;

  // Schedules a refresh of `user_id` (24-hex ObjectId) and returns at once;
  // ignored before the engine's first model is ready.
  // Requests for a user whose refresh is running coalesce into one more run.
  void Request(const std::string& user_id);

  // While a Hold of a user lives, that user's refreshes wait (see
  // RefreshScheduler); POST /api/history holds its user until it has
  // invalidated the cached recommendations. Movable; releases on destruction.
  class Hold {
   public:
    Hold(Hold&& other) noexcept : owner_(other.owner_), user_(std::move(other.user_)) {
      other.owner_ = nullptr;
    }
    Hold& operator=(Hold&&) = delete;
    ~Hold();

   private:
    friend class RecommendationRefresher;
    Hold(RecommendationRefresher* owner, std::string user) : owner_(owner), user_(std::move(user)) {}
    RecommendationRefresher* owner_;
    std::string user_;
  };
  [[nodiscard]] Hold HoldUser(std::string user_id);

  // The query a refresh computes: GET /api/recommendations without parameters.
  static RecsQuery DefaultQuery() { return RecsQuery{}; }

 private:
  void Start(std::string user_id);
  boost::asio::awaitable<void> Run(std::string user_id);
  boost::asio::awaitable<void> RefreshOnce(const std::string& user_id);

  // Taken from the ApiContext at construction: a Hold released while the
  // service is torn down must not go through the context.
  core::WorkerPool& workers_;
  cache::CacheManager& cache_;
  recs::RecEngine& engine_;
  RecommendationUpdates& updates_;
  RecsService svc_;
  RefreshScheduler scheduler_;
};

}  // namespace echotune::api
