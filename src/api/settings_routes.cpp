#include "api/settings_routes.h"

#include "api/request_user.h"
#include "api/settings_update.h"
#include "cache/cache_keys.h"
#include "model/user_preferences.h"

namespace echotune::api {
namespace {

using boost::asio::awaitable;
using http::HandlerResult;
using http::Reply;
using http::Request;

constexpr char kPatchExample[] =
    R"({"favoriteGenres": ["indie", "jazz"], "energyLevel": 0.7, "theme": "dark"})";

awaitable<HandlerResult> GetSettings(ApiContext& ctx, Request& req) {
  auto user_id = RequestUserId(req);
  if (!user_id.ok()) co_return std::move(user_id).error();
  std::string key = cache::UserPrefsKey(req.auth->user_id);
  if (auto cached = co_await ctx.cache.GetJson(key)) {
    co_return Reply::Json(std::move(*cached), boost::json::object{{"cached", true}});
  }
  auto prefs = co_await ctx.workers.Run([&] { return ctx.store.preferences().Get(*user_id); });
  if (!prefs.ok()) co_return std::move(prefs).error();
  boost::json::value json = model::ToJson(*prefs);
  co_await ctx.cache.SetJson(key, json, cache::kUserPrefsTtl);
  co_return Reply::Json(std::move(json), boost::json::object{{"cached", false}});
}

awaitable<HandlerResult> PatchSettings(ApiContext& ctx, Request& req) {
  auto user_id = RequestUserId(req);
  if (!user_id.ok()) co_return std::move(user_id).error();
  if (!req.body.is_object()) {
    co_return core::Error::Validation("body", "the body must be a JSON object of settings");
  }
  auto patch = model::PreferencesPatchFromJson(req.body);
  if (!patch.ok()) co_return std::move(patch).error();
  auto prefs = co_await ctx.workers.Run([&] { return UpdateSettings(ctx.store, *user_id, *patch); });
  if (!prefs.ok()) co_return std::move(prefs).error();
  co_await ctx.cache.InvalidateUserPrefs(req.auth->user_id);
  // Settings are context of every recommendation: the next GET recomputes.
  co_await ctx.cache.InvalidateUserRecs(req.auth->user_id);
  co_return Reply::Json(model::ToJson(*prefs));
}

}  // namespace

void AddSettingsRoutes(http::Router& router, ApiContext& ctx) {
  using http::beast_http::verb;
  router.Add({.method = verb::get,
              .pattern = "/api/user/settings",
              .auth = true,
              .tag = "settings",
              .summary = "The user's preferences (defaults when none are stored); meta.cached",
              .handler = [&ctx](Request& req) { return GetSettings(ctx, req); }});
  router.Add({.method = verb::patch,
              .pattern = "/api/user/settings",
              .auth = true,
              .tag = "settings",
              .summary = "Partial update of the preferences; unknown or invalid fields are refused; "
                         "favoriteGenres and energyLevel are mirrored into users.preferences",
              .body_example = kPatchExample,
              .handler = [&ctx](Request& req) { return PatchSettings(ctx, req); }});
}

}  // namespace echotune::api
