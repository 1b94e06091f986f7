#include "api/login_link_routes.h"

#include "core/object_id.h"
#include "model/user.h"

namespace echotune::api {
namespace {

using boost::asio::awaitable;
using http::HandlerResult;
using http::Reply;
using http::Request;

awaitable<HandlerResult> Redeem(ApiContext& ctx, LoginCodes& codes, Request& req) {
  const boost::json::value* code = req.body.is_object() ? req.body.as_object().if_contains("code")
                                                        : nullptr;
  if (!code || !code->is_string()) {
    co_return core::Error::Validation("code", "code is required (a string)");
  }
  std::string text(code->as_string());
  auto user = co_await ctx.workers.Run([&]() -> core::Result<model::User> {
    auto user_id = codes.Redeem(text);
    if (!user_id.ok()) return std::move(user_id).error();
    auto id = core::ObjectId::Parse(*user_id);
    auto found = id ? ctx.store.users().Get(*id) : core::Result<model::User>(core::Error::NotFound(""));
    if (!found.ok() && found.error().code == core::ErrorCode::kNotFound) {
      return core::Error{core::ErrorCode::kInvalidToken, "the user of this sign-in code no longer exists",
                         {}};
    }
    return found;
  });
  if (!user.ok()) co_return std::move(user).error();
  std::string token = ctx.jwt.Issue(user->id.ToHex(), user->spotify_id);
  co_return Reply::Json(boost::json::object{{"token", token}, {"user", model::ToJson(*user)}});
}

}  // namespace

void AddLoginLinkRoutes(http::Router& router, ApiContext& ctx, LoginCodes& codes) {
  router.Add({.method = http::beast_http::verb::post,
              .pattern = "/auth/link",
              .tag = "auth",
              .summary = "Exchanges a one-time sign-in code of `echotune login-link` for a JWT: "
                         "{token, user}",
              .body_example = R"({"code": "<64 hex characters>"})",
              .handler = [&ctx, &codes](Request& req) { return Redeem(ctx, codes, req); }});
}

}  // namespace echotune::api
