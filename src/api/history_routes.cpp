#include "api/history_routes.h"

#include <memory>

#include "api/listen_input.h"
#include "api/recs_service.h"
#include "api/request_user.h"

namespace echotune::api {
namespace {

using boost::asio::awaitable;
using http::HandlerResult;
using http::Reply;
using http::Request;

constexpr char kExample[] =
    R"({"listens": [{"trackId": "4uLU6hMCjMI75M1A2tKUQC", "playedAt": "2026-11-20T18:04:00Z",)"
    R"( "durationMs": 213000, "context": {"contextType": "playlist", "deviceType": "smartphone"}}]})";

awaitable<HandlerResult> PostHistory(ApiContext& ctx, RecsService& svc,
                                     RecommendationRefresher& refresher, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto inputs = ParseListens(req.body);
  if (!inputs.ok()) co_return std::move(inputs).error();
  // A refresh these listens trigger starts once the invalidation below is
  // done (when `hold` goes), so it cannot be deleted by it.
  auto hold = refresher.HoldUser(req.auth->user_id);
  auto result = co_await ctx.workers.Run([&] { return svc.RecordListens(*user, std::move(*inputs)); });
  if (!result.ok()) co_return std::move(result).error();
  co_await ctx.cache.InvalidateUserRecs(req.auth->user_id);
  boost::json::object data{{"inserted", result->inserted}, {"duplicates", result->duplicates}};
  co_return Reply::Json(std::move(data));
}

}  // namespace

void AddHistoryRoutes(http::Router& router, ApiContext& ctx, recs::RecEngine& engine,
                      RecommendationRefresher& refresher) {
  auto svc = std::make_shared<RecsService>(ctx.store, engine, ctx.clock);
  router.Add({.method = http::beast_http::verb::post,
              .pattern = "/api/history",
              .auth = true,
              .tag = "history",
              .summary = "Record 1–1000 listens atomically; names filled from the catalogue; "
                         "duplicates (same trackId and playedAt) skipped; returns {inserted, duplicates}; "
                         "every 5 new listens refresh the cached recommendations in the background",
              .body_example = kExample,
              .handler = [&ctx, svc, &refresher](Request& req) {
                return PostHistory(ctx, *svc, refresher, req);
              }});
}

}  // namespace echotune::api
