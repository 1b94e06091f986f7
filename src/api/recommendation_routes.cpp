#include "api/recommendation_routes.h"

#include <memory>

#include "api/recs_query.h"
#include "api/recs_response.h"
#include "api/recs_service.h"
#include "api/request_user.h"
#include "cache/cache_keys.h"
#include "http/envelope.h"
#include "model/json_reader.h"

namespace echotune::api {
namespace {

using boost::asio::awaitable;
using http::HandlerResult;
using http::Reply;
using http::Request;

constexpr char kFeedbackExample[] =
    R"({"trackId": "4uLU6hMCjMI75M1A2tKUQC", "action": "like", "recommendationId": "65f1c0ffee0000000000abcd"})";

awaitable<HandlerResult> GetRecommendations(ApiContext& ctx, RecsService& svc, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto q = ParseRecsQuery(req);
  if (!q.ok()) co_return std::move(q).error();
  std::string key = RecsCacheKey(req.auth->user_id, *q);
  // A hit is the serialised envelope (meta.cached = true), sent without a copy.
  if (auto hit = co_await ctx.cache.GetShared(key)) co_return Reply::Shared(std::move(hit), "application/json");
  auto page = co_await ctx.workers.Run([&] { return svc.Recommend(*user, *q); });
  if (!page.ok()) co_return std::move(page).error();
  boost::json::array data = RecsData(*page);
  if (!page->cold_start && !page->tracks.empty()) {
    co_await ctx.cache.Set(key, CachedRecsBody(data, *q, *page), cache::kRecsTtl);
  }
  co_return Reply::Json(std::move(data), RecsMeta(*q, *page, false));
}

core::Result<FeedbackInput> ParseFeedback(const boost::json::value& body) {
  if (!body.is_object()) return core::Error::Validation("body", "the body must be a JSON object");
  model::JsonReader r(body);
  FeedbackInput in;
  in.track_id = r.String("trackId");
  if (r.ok() && in.track_id.empty()) r.Fail("trackId", "must not be empty");
  in.action = r.Enum<model::FeedbackAction>("action", model::FeedbackAction::kLike);
  in.recommendation_id = r.OptId("recommendationId");
  if (auto s = r.status(); !s.ok()) return std::move(s).error();
  return in;
}

awaitable<HandlerResult> PostFeedback(ApiContext& ctx, RecsService& svc, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto in = ParseFeedback(req.body);
  if (!in.ok()) co_return std::move(in).error();
  auto result = co_await ctx.workers.Run([&] { return svc.RecordFeedback(*user, *in); });
  if (!result.ok()) co_return std::move(result).error();
  co_await ctx.cache.InvalidateUserRecs(req.auth->user_id);
  co_await ctx.cache.InvalidateUserPrefs(req.auth->user_id);  // trackFeedback is in the settings document
  boost::json::object data{{"recommendationId", result->recommendation_id},
                           {"trackId", in->track_id},
                           {"action", model::ToString(in->action)},
                           {"userFeedback", model::ToJson(result->feedback)}};
  co_return Reply::Json(std::move(data));
}

std::vector<http::ParamDoc> QueryDocs() {
  return {{"strategy", "string", false, "hybrid (default), collaborative, content, semantic, mood_based, popular"},
          {"limit", "integer", false, "1–50, default 20"},
          {"offset", "integer", false, ">= 0, default 0 (offset + limit <= 100)"},
          {"seed_tracks", "string", false, "comma-separated track ids (at most 20)"},
          {"target_energy", "number", false, "0–1, overrides the taste vector"},
          {"target_valence", "number", false, "0–1, overrides the taste vector"},
          {"mood", "string", false, "a mood or activity: chill, workout, focus, … (required for mood_based)"}};
}

}  // namespace

void AddRecommendationRoutes(http::Router& router, ApiContext& ctx, recs::RecEngine& engine) {
  using http::beast_http::verb;
  auto svc = std::make_shared<RecsService>(ctx.store, engine, ctx.clock);
  router.Add({.method = verb::get,
              .pattern = "/api/recommendations",
              .auth = true,
              .tag = "recommendations",
              .summary = "Recommendations (no dislikes, nothing served in another set in 24 h); "
                         "meta {strategy, total, limit, offset, cached, recommendationId}; cached 1 h",
              .query = QueryDocs(),
              .handler = [&ctx, svc](Request& req) { return GetRecommendations(ctx, *svc, req); }});
  router.Add({.method = verb::post,
              .pattern = "/api/recommendations/feedback",
              .auth = true,
              .tag = "recommendations",
              .summary = "like/dislike/save a recommended track; used by the engine at once",
              .body_example = kFeedbackExample,
              .handler = [&ctx, svc](Request& req) { return PostFeedback(ctx, *svc, req); }});
}

}  // namespace echotune::api
