#include "api/chat_routes.h"

#include <memory>

#include "api/chat_service.h"
#include "api/chat_stream.h"
#include "api/recs_query.h"
#include "api/request_user.h"

namespace echotune::api {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using http::HandlerResult;
using http::Reply;
using http::Request;

constexpr char kMessageExample[] =
    R"({"sessionId": "6f1c2b1e-8d7a-4a43-9a55-0c1f2e3d4b5a", "message": "recommend something like Radiohead but happier", "stream": false})";

bool WantsStream(const Request& req, const ChatTurnInput& in) {
  return in.stream || req.Header("Accept").find("text/event-stream") != std::string_view::npos;
}

awaitable<HandlerResult> StartSession(ChatService& svc, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto s = co_await svc.Start(*user);
  if (!s.ok()) co_return std::move(s).error();
  Reply reply = Reply::Json(ChatSessionSummaryJson(*s));
  reply.status = 201;
  co_return reply;
}

awaitable<HandlerResult> Message(ChatService& svc, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto in = ParseChatTurn(req.body);
  if (!in.ok()) co_return std::move(in).error();
  if (!WantsStream(req, *in)) {
    auto r = co_await svc.Turn(*user, *in, nullptr, std::make_shared<std::atomic<bool>>(false));
    if (!r.ok()) co_return std::move(r).error();
    co_return Reply::Json(ChatTurnJson(*r));
  }
  if (in->session_id) {  // a wrong session is a plain 404, before any event
    auto own = co_await svc.History(*user, *in->session_id);
    if (!own.ok()) co_return std::move(own).error();
  }
  Reply reply;
  reply.content_type = "text/event-stream; charset=utf-8";
  reply.headers = {{"Cache-Control", "no-cache"}, {"X-Accel-Buffering", "no"}};
  reply.stream = ChatStreamProducer(svc, *user, std::move(in).value(), req.request_id);
  co_return reply;
}

awaitable<HandlerResult> History(ChatService& svc, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto id = req.Query("sessionId");
  if (!id || id->empty()) co_return core::Error::Validation("sessionId", "sessionId is required");
  auto s = co_await svc.History(*user, std::string(*id));
  if (!s.ok()) co_return std::move(s).error();
  co_return Reply::Json(model::ToJson(*s));
}

awaitable<HandlerResult> Sessions(ChatService& svc, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto limit = IntQueryParam(req, "limit", 20, 1, 100);
  if (!limit.ok()) co_return std::move(limit).error();
  auto list = co_await svc.Sessions(*user, *limit);
  if (!list.ok()) co_return std::move(list).error();
  json::array data;
  for (const auto& s : *list) data.push_back(ChatSessionSummaryJson(s));
  co_return Reply::Json(std::move(data), {{"limit", *limit}});
}

awaitable<HandlerResult> DeleteSession(ChatService& svc, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  std::string id(req.Param("id"));
  auto st = co_await svc.Delete(*user, id);
  if (!st.ok()) co_return std::move(st).error();
  co_return Reply::Json(json::object{{"deleted", true}, {"sessionId", id}});
}

awaitable<HandlerResult> Providers(llm::ProviderChain& chain) {
  json::array providers;
  for (const auto& s : chain.Status()) providers.push_back(ToJson(s));
  json::array order;
  for (const auto& id : chain.fallback_chain()) order.push_back(json::value(id));
  co_return Reply::Json(json::object{{"providers", std::move(providers)}, {"fallbackChain", std::move(order)}});
}

}  // namespace

void AddChatRoutes(http::Router& router, ApiContext& ctx, recs::RecEngine& engine, llm::ProviderChain& chain) {
  using http::beast_http::verb;
  auto recs = std::make_shared<RecsService>(ctx.store, engine, ctx.clock);
  auto svc = std::shared_ptr<ChatService>(new ChatService(ctx, *recs, chain),
                                          [recs](ChatService* p) { delete p; });  // keeps recs alive
  router.Add({.method = verb::post,
              .pattern = "/api/chat/start",
              .auth = true,
              .tag = "chat",
              .summary = "Start a chat session (201): {sessionId, messageCount, startTime, lastActivity}",
              .handler = [svc](Request& req) { return StartSession(*svc, req); }});
  router.Add({.method = verb::post,
              .pattern = "/api/chat/message",
              .auth = true,
              .tag = "chat",
              .summary = "One chat turn: intent, action (Spotify command, recommendations, playlist), the "
                         "provider chain's answer; stream:true or Accept: text/event-stream for SSE",
              .body_example = kMessageExample,
              .handler = [svc](Request& req) { return Message(*svc, req); }});
  router.Add({.method = verb::get,
              .pattern = "/api/chat/history",
              .auth = true,
              .tag = "chat",
              .summary = "A session of the user with all its messages",
              .query = {{"sessionId", "string", true, "the session"}},
              .handler = [svc](Request& req) { return History(*svc, req); }});
  router.Add({.method = verb::get,
              .pattern = "/api/chat/sessions",
              .auth = true,
              .tag = "chat",
              .summary = "The user's sessions, most recent activity first",
              .query = {{"limit", "integer", false, "1–100, default 20"}},
              .handler = [svc](Request& req) { return Sessions(*svc, req); }});
  router.Add({.method = verb::delete_,
              .pattern = "/api/chat/sessions/{id}",
              .auth = true,
              .tag = "chat",
              .summary = "Delete one of the user's sessions",
              .handler = [svc](Request& req) { return DeleteSession(*svc, req); }});
  router.Add({.method = verb::get,
              .pattern = "/api/llm/providers",
              .tag = "llm",
              .summary = "LLM providers: id, name, status, circuitState, latencyMs, models, isConfigured; "
                         "and the effective fallbackChain",
              .handler = [&chain](Request&) { return Providers(chain); }});
}

}  // namespace echotune::api
