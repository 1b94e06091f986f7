#include "api/auth_routes.h"

#include <memory>

#include "api/auth_flow.h"
#include "api/known_users.h"
#include "cache/cache_keys.h"
#include "core/random.h"
#include "core/time_format.h"
#include "spotify/pkce.h"

namespace echotune::api {
namespace {

using boost::asio::awaitable;
using http::HandlerResult;
using http::Reply;
using http::Request;

core::Error NotConfigured() {
  return core::Error{core::ErrorCode::kUnavailable,
                     "Spotify login is not configured: set SPOTIFY_CLIENT_ID", {}};
}

core::Error Oauth(core::ErrorCode code, std::string message) {
  return core::Error{code, std::move(message), {}};
}

awaitable<HandlerResult> Login(ApiContext& ctx, Request& req) {
  if (ctx.config.spotify_client_id.empty()) co_return NotConfigured();
  std::string state = core::SecureRandomHex(16);
  std::string verifier = spotify::NewCodeVerifier();
  AuthorizeRequest authorize{.accounts_url = ctx.config.spotify_accounts_url,
                             .client_id = ctx.config.spotify_client_id,
                             .redirect_uri = ctx.config.spotify_redirect_uri,
                             .state = state,
                             .code_challenge = spotify::CodeChallengeS256(verifier),
                             .force_dialog = req.Query("force") == "true"};
  boost::json::object stored{{"verifier", verifier}};
  co_await ctx.cache.SetJson(cache::OauthStateKey(state), stored, cache::kOauthStateTtl);
  co_return Reply::Json(
      boost::json::object{{"authUrl", BuildAuthorizeUrl(authorize)}, {"state", state}});
}

// The verifier kept for `state`, taken out of the cache in one atomic step:
// a state is single use even when callbacks with it race (GETDEL in Redis).
awaitable<std::optional<std::string>> ConsumeState(ApiContext& ctx, std::string_view state) {
  if (state.empty()) co_return std::nullopt;
  auto stored = co_await ctx.cache.TakeJson(cache::OauthStateKey(state));
  if (!stored) co_return std::nullopt;
  auto* v = stored->is_object() ? stored->as_object().if_contains("verifier") : nullptr;
  if (!v || !v->is_string()) co_return std::nullopt;
  co_return std::string(v->as_string());
}

awaitable<HandlerResult> Callback(ApiContext& ctx, spotify::SpotifyLogin& spotify, Request& req) {
  if (auto error = req.Query("error")) {
    co_return Oauth(core::ErrorCode::kOauthDenied,
                    *error == "access_denied" ? "the Spotify login was declined"
                                              : "Spotify login failed: " + std::string(*error));
  }
  auto verifier = co_await ConsumeState(ctx, req.Query("state").value_or(""));
  if (!verifier) {
    co_return Oauth(core::ErrorCode::kStateMismatch,
                    "unknown, expired or already used OAuth state: start again at /auth/login");
  }
  std::string code(req.Query("code").value_or(""));
  if (code.empty()) co_return core::Error::Validation("code", "code is required");
  auto user = co_await CompleteLogin(spotify, ctx.workers, ctx.store.users(), code, *verifier);
  if (!user.ok()) co_return std::move(user).error();
  std::string token = ctx.jwt.Issue(user->id.ToHex(), user->spotify_id);
  co_return Reply::Json(boost::json::object{{"token", token}, {"user", model::ToJson(*user)}});
}

awaitable<HandlerResult> Refresh(spotify::TokenManager& tokens, Request& req) {
  auto expires = co_await tokens.RefreshNow(req.auth->user_id);
  if (!expires.ok()) co_return std::move(expires).error();
  co_return Reply::Json(boost::json::object{{"expiresAt", core::FormatIso8601(*expires)}});
}

awaitable<HandlerResult> Logout(ApiContext& ctx, Request& req) {
  const http::AuthContext& auth = *req.auth;
  long long now_s =
      std::chrono::duration_cast<std::chrono::seconds>(ctx.clock.Now().time_since_epoch()).count();
  // Kept one second past exp so that no clock rounding lets the token back in.
  auto ttl = std::chrono::seconds(auth.expires_at_s - now_s + 1);
  if (ttl.count() > 0) co_await ctx.cache.Set(RevokedTokenKey(auth.token_id), "1", ttl);
  co_return Reply::Json(boost::json::object{{"loggedOut", true}});
}

}  // namespace

std::string RevokedTokenKey(std::string_view token_id) {
  return "revoked:" + std::string(token_id);
}

awaitable<bool> IsTokenRevoked(ApiContext& ctx, const http::AuthContext& auth) {
  if (!auth.token_id.empty() && co_await ctx.cache.Get(RevokedTokenKey(auth.token_id))) co_return true;
  auto user = core::ObjectId::Parse(auth.user_id);
  if (!user) co_return true;
  if (ctx.known_users) co_return !co_await ctx.known_users->Exists(ctx.workers, ctx.store, *user);
  auto exists = co_await ctx.workers.Run([&] { return ctx.store.users().Exists(*user); });
  co_return exists.ok() && !*exists;
}

void AddAuthRoutes(http::Router& router, ApiContext& ctx, SpotifyServices& services) {
  using http::beast_http::verb;
  auto login = std::make_shared<spotify::SpotifyLogin>(
      services.sender, spotify::SpotifyEndpoints::FromConfig(ctx.config), ctx.clock);
  router.Add({.method = verb::get,
              .pattern = "/auth/login",
              .tag = "auth",
              .summary = "Spotify authorize URL (PKCE S256); the state is valid 10 minutes, once",
              .query = {{"force", "boolean", false, "true: Spotify shows the consent dialog again"}},
              .handler = [&ctx](Request& req) { return Login(ctx, req); }});
  router.Add({.method = verb::get,
              .pattern = "/auth/callback",
              .tag = "auth",
              .summary = "Completes the Spotify login: {token, user}",
              .query = {{"code", "string", false, "authorization code from Spotify"},
                        {"state", "string", true, "the state of /auth/login"},
                        {"error", "string", false, "set by Spotify when consent was declined"}},
              .handler = [&ctx, login](Request& req) { return Callback(ctx, *login, req); }});
  router.Add({.method = verb::post,
              .pattern = "/auth/refresh",
              .auth = true,
              .tag = "auth",
              .summary = "Refreshes the stored Spotify access token: {expiresAt}",
              .handler = [&services](Request& req) { return Refresh(services.tokens, req); }});
  router.Add({.method = verb::post,
              .pattern = "/auth/logout",
              .auth = true,
              .tag = "auth",
              .summary = "Revokes this JWT until it would have expired",
              .handler = [&ctx](Request& req) { return Logout(ctx, req); }});
}

}  // namespace echotune::api
