#include "api/recommendation_refresher.h"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "api/recs_response.h"
#include "cache/cache_keys.h"

namespace echotune::api {

RecommendationRefresher::RecommendationRefresher(ApiContext& ctx, recs::RecEngine& engine,
                                                 RecommendationUpdates& updates)
    : workers_(ctx.workers), cache_(ctx.cache), engine_(engine), updates_(updates),
      svc_(ctx.store, engine, ctx.clock) {}

RecommendationRefresher::Hold::~Hold() {
  if (owner_ && owner_->scheduler_.Release(user_)) owner_->Start(user_);
}

RecommendationRefresher::Hold RecommendationRefresher::HoldUser(std::string user_id) {
  scheduler_.Hold(user_id);
  return Hold(this, std::move(user_id));
}

void RecommendationRefresher::Request(const std::string& user_id) {
  // Listens recorded while the first model builds refresh nothing: the build
  // folds them in, and cold-start answers are not cached anyway.
  if (!engine_.ready()) return;
  if (scheduler_.Request(user_id)) Start(user_id);
}

void RecommendationRefresher::Start(std::string user_id) {
  boost::asio::co_spawn(workers_.executor(), Run(std::move(user_id)), boost::asio::detached);
}

// Runs on a worker thread: the store calls of RefreshOnce may block here.
boost::asio::awaitable<void> RecommendationRefresher::Run(std::string user_id) {
  do {
    try {
      co_await RefreshOnce(user_id);
    } catch (const std::exception& e) {
      spdlog::error("recommendation refresh of {} failed: {}", user_id, e.what());
    }
  } while (scheduler_.Finished(user_id));
}

boost::asio::awaitable<void> RecommendationRefresher::RefreshOnce(const std::string& user_id) {
  auto user = core::ObjectId::Parse(user_id);
  if (!user || !engine_.ready()) co_return;
  const RecsQuery q = DefaultQuery();
  auto page = svc_.Recommend(*user, q);
  if (!page.ok()) {
    spdlog::warn("recommendation refresh of {} failed: {}", user_id, page.error().message);
    co_return;
  }
  if (page->cold_start || page->tracks.empty()) co_return;
  RecommendationUpdate update{.recommendation_id = page->recommendation_id.value_or(""),
                              .strategy = std::string(recs::StrategyName(q.strategy)),
                              .tracks = RecsData(*page),
                              .meta = RecsMeta(q, *page, true)};
  co_await cache_.Set(RecsCacheKey(user_id, q), CachedRecsBody(update.tracks, q, *page),
                          cache::kRecsTtl);
  updates_.Publish(user_id, update);
}

}  // namespace echotune::api
