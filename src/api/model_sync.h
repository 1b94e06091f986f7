// ModelSync: keeps the recommendation model of every instance fresh when
// listens and feedback are written through another one (SYSTEM.md §6.3 with
// several instances; docs/deployment.md). The engine's record observer hands
// each locally recorded event to Announce, which publishes it on
// "echotune:model:changes" (api/model_change.h). Every other instance's
// subscriber hands the message to OnMessage, which folds the events into its
// engine with RecEngine::RecordRemote on the worker pool — the same
// incremental path as a local write, without counting them twice towards the
// every-5-listens refresh — and then deletes the user's cached
// recommendations (a GET served there meanwhile may have cached an answer of
// the older model). Delivery takes milliseconds, well within the 5 s bar.
//
// Pub/sub keeps nothing while Redis is down, so when the subscription resumes
// after a gap, CatchUp rebuilds the model from the store, the system of record
// (it holds whatever was written meanwhile, through any instance).
//
// Thread-safety: every method may be called from any thread. REQUIRES: every
// reference outlives this object, and the worker pool is stopped (joined)
// before it is destroyed.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "api/model_change.h"
#include "cache/cache_manager.h"
#include "cache/redis_publisher.h"
#include "core/worker_pool.h"
#include "recs/rec_engine.h"

namespace echotune::api {

class ModelSync final {
 public:
  // `rebuild`: starts a rebuild of the engine from the store (never blocks).
  ModelSync(recs::RecEngine& engine, core::WorkerPool& workers, cache::CacheManager& cache,
            cache::RedisPublisher& publisher, std::string origin, std::function<void()> rebuild);
  ModelSync(const ModelSync&) = delete;
  ModelSync& operator=(const ModelSync&) = delete;

  // A locally recorded event: tells the other instances. Never blocks.
  void Announce(const recs::Interaction& event);
  // A pub/sub message; false when `channel` is not the model channel. Bad
  // payloads are logged and ignored; this instance's own are skipped.
  bool OnMessage(std::string_view channel, std::string_view payload);
  // The subscription resumed after a gap: rebuild from the store.
  void CatchUp();

  // Events of other instances folded into the engine so far.
  uint64_t applied() const { return applied_.load(); }

 private:
  void Apply(ModelChange change);
  boost::asio::awaitable<void> Invalidate(std::string user_id);

  recs::RecEngine& engine_;
  core::WorkerPool& workers_;
  cache::CacheManager& cache_;
  cache::RedisPublisher& publisher_;
  const std::string origin_;
  const std::function<void()> rebuild_;
  std::atomic<uint64_t> applied_{0};
  std::mutex mu_;  // guards invalidating_
  std::unordered_set<std::string> invalidating_;  // users whose cache deletion is queued
};

}  // namespace echotune::api
