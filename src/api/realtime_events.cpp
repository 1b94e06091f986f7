#include "api/realtime_events.h"

#include <boost/json/parse.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "api/auth_routes.h"
#include "core/json_write.h"

namespace echotune::api {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using realtime::ClientContext;

json::value Failure(const core::Error& e) {
  json::object out{{"success", false}, {"error", e.message}, {"code", std::string(core::ToString(e.code))}};
  if (auto* field = e.details.if_contains("field")) out["details"] = json::object{{"field", *field}};
  return out;
}

json::value Success(json::value data) { return json::object{{"success", true}, {"data", std::move(data)}}; }

// A scalar as query text; nullopt for objects, arrays and null.
std::optional<std::string> Scalar(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64() || v.is_uint64() || v.is_double() || v.is_bool()) return core::JsonWrite(v);
  return std::nullopt;
}

std::string Encode(std::string_view s) { return boost::urls::encode(s, boost::urls::unreserved_chars); }

// Sends one request through the HTTP pipeline on the user's behalf and
// returns its JSON answer (the envelope).
awaitable<json::value> Dispatch(http::Pipeline& pipeline, http::beast_http::verb method, const std::string& target,
                                const std::string& body, const ClientContext& client) {
  http::RawRequest req{method, target, 11};
  req.set(http::beast_http::field::host, "socket.io");
  req.set(http::beast_http::field::authorization, "Bearer " + client.token);
  if (!body.empty()) {
    req.set(http::beast_http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
  }
  std::string ip = client.client_ip;
  http::RawResponse res = co_await pipeline.Handle(req, ip);
  boost::system::error_code ec;
  json::value answer = json::parse(res.body().view(), ec);
  if (ec) co_return Failure(core::Error::Internal("unexpected answer"));
  co_return answer;
}

awaitable<core::Result<http::AuthContext>> Authenticate(ApiContext& ctx, const std::string& token_ref) {
  std::string token = token_ref;  // copied before the first suspension
  auto auth = ctx.jwt.Verify(token);
  if (!auth.ok()) co_return std::move(auth).error();
  if (co_await IsTokenRevoked(ctx, *auth)) {
    co_return core::Error{core::ErrorCode::kInvalidToken, "Token has been revoked", {}};
  }
  co_return std::move(auth).value();
}

}  // namespace

realtime::SocketServer::Authenticator MakeSocketAuthenticator(ApiContext& ctx) {
  return [&ctx](const std::string& token) { return Authenticate(ctx, token); };
}

void AddRealtimeTestRoutes(http::Router& router, core::WorkerPool& workers, realtime::SocketServer& sockets,
                           realtime::EventPublisher& publisher) {
  router.Add({.method = http::beast_http::verb::post,
              .pattern = "/api/_test/realtime/each-user",
              .tag = "test",
              .summary = "test only: an event to the room of every connected user",
              .handler = [&workers, &sockets, &publisher](http::Request& req) -> awaitable<http::HandlerResult> {
                const json::value* event = req.body.is_object() ? req.body.as_object().if_contains("event") : nullptr;
                if (!event || !event->is_string()) co_return core::Error::Validation("event", "event is required");
                std::string name(event->as_string());
                int64_t n = co_await workers.Run([&] {
                  int64_t i = 0;
                  for (const auto& user : sockets.users()) publisher.ToUser(user, name, json::object{{"n", i++}});
                  return i;
                });
                co_return http::Reply::Json(json::object{{"users", n}});
              }});
  router.Add({.method = http::beast_http::verb::post,
              .pattern = "/api/_test/realtime/to-user",
              .auth = true,
              .tag = "test",
              .summary = "test only: {event, data} to the authenticated user's sockets (every instance's)",
              .handler = [&publisher](http::Request& req) -> awaitable<http::HandlerResult> {
                const json::object* body = req.body.if_object();
                const json::value* event = body ? body->if_contains("event") : nullptr;
                if (!event || !event->is_string()) co_return core::Error::Validation("event", "event is required");
                const json::value* data = body->if_contains("data");
                publisher.ToUser(req.auth->user_id, event->as_string(), data ? *data : json::value(nullptr));
                co_return http::Reply::Json(json::object{{"sent", true}});
              }});
}

core::Result<std::string> RecommendationsQueryFromArgs(const json::array& args) {
  if (args.size() > 1) return core::Error::Validation("args", "request_recommendations takes at most one argument");
  if (args.empty() || args[0].is_null()) return std::string();
  if (!args[0].is_object()) return core::Error::Validation("args", "the argument must be an object of query parameters");
  static const std::set<std::string, std::less<>> kKnown = {"strategy",    "limit",         "offset",
                                                            "seed_tracks", "seed_genres",   "target_energy",
                                                            "target_valence", "mood"};
  std::string query;
  for (const auto& [key, value] : args[0].as_object()) {
    if (!kKnown.count(key)) return core::Error::Validation(std::string(key), "unknown parameter");
    std::string text;
    if (value.is_array()) {
      for (const auto& item : value.as_array()) {
        if (!item.is_string()) return core::Error::Validation(std::string(key), "must be a list of strings");
        if (!text.empty()) text += ',';
        text += item.as_string();
      }
    } else if (auto s = Scalar(value)) {
      text = *s;
    } else {
      return core::Error::Validation(std::string(key), "must be a string or a number");
    }
    query += query.empty() ? "?" : "&";
    query += std::string(key) + "=" + Encode(text);
  }
  return query;
}

RealtimeEvents::RealtimeEvents(realtime::SocketServer& sockets, realtime::EventPublisher& publisher,
                               NowPlayingHub& now_playing, RecommendationUpdates& updates,
                               llm::ProviderHealthHub& provider_health, http::Pipeline& pipeline)
    : publisher_(publisher),
      now_playing_(now_playing),
      updates_(updates),
      provider_health_(provider_health),
      pipeline_(pipeline) {
  health_subscription_ = provider_health_.Subscribe(
      [this](const llm::ProviderHealthEvent& e) { publisher_.ToAll("provider_health", llm::ToJson(e)); });
  updates_subscription_ = updates_.Subscribe([this](const std::string& user, const RecommendationUpdate& u) {
    json::object data{{"recommendationId", u.recommendation_id},
                      {"strategy", u.strategy},
                      {"tracks", u.tracks},
                      {"meta", u.meta}};
    publisher_.ToUser(user, "recommendation_update", data);
  });
  sockets.On("subscribe_now_playing", [this](const ClientContext& c, const json::array&) -> awaitable<json::value> {
    co_return Subscribe(c);
  });
  sockets.On("unsubscribe_now_playing", [this](const ClientContext& c, const json::array&) -> awaitable<json::value> {
    co_return Unsubscribe(c.sid);
  });
  sockets.On("request_recommendations", [this](const ClientContext& c, const json::array& args) {
    return RequestRecommendations(pipeline_, c, args);
  });
  sockets.On("playback_command", [this](const ClientContext& c, const json::array& args) {
    return PlaybackCommand(pipeline_, c, args);
  });
  sockets.OnDisconnect([this](const ClientContext& c, const std::string&) { Unsubscribe(c.sid); });
}

RealtimeEvents::~RealtimeEvents() {
  updates_.Unsubscribe(updates_subscription_);
  provider_health_.Unsubscribe(health_subscription_);
  std::lock_guard lock(mu_);
  for (auto& [sid, id] : subscriptions_) now_playing_.Unsubscribe(id);
  subscriptions_.clear();
}

json::value RealtimeEvents::Subscribe(const ClientContext& client) {
  std::lock_guard lock(mu_);
  if (!subscriptions_.count(client.sid)) {
    subscriptions_[client.sid] = now_playing_.Subscribe(
        client.user_id, [this](const std::string& user, const NowPlayingEvent& e) { publisher_.ToUser(user, e.type, e.data); });
  }
  return Success(json::object{{"subscribed", true}});
}

json::value RealtimeEvents::Unsubscribe(const std::string& sid) {
  std::lock_guard lock(mu_);
  if (auto it = subscriptions_.find(sid); it != subscriptions_.end()) {
    now_playing_.Unsubscribe(it->second);
    subscriptions_.erase(it);
  }
  return Success(json::object{{"subscribed", false}});
}

size_t RealtimeEvents::now_playing_subscriptions() const {
  std::lock_guard lock(mu_);
  return subscriptions_.size();
}

awaitable<json::value> RealtimeEvents::RequestRecommendations(http::Pipeline& pipeline, const ClientContext& c,
                                                              const json::array& args) {
  ClientContext client = c;  // copied before the first suspension
  auto query = RecommendationsQueryFromArgs(args);
  if (!query.ok()) co_return Failure(query.error());
  co_return co_await Dispatch(pipeline, http::beast_http::verb::get, "/api/recommendations" + *query, "", client);
}

awaitable<json::value> RealtimeEvents::PlaybackCommand(http::Pipeline& pipeline, const ClientContext& c,
                                                       const json::array& args) {
  ClientContext client = c;
  json::value body;
  if (args.size() == 1 && args[0].is_string()) {
    body = json::object{{"text", args[0]}};
  } else if (args.size() == 1 && args[0].is_object()) {
    body = args[0];
  } else {
    co_return Failure(core::Error::Validation("text", "playback_command takes one argument: the command text or {text}"));
  }
  co_return co_await Dispatch(pipeline, http::beast_http::verb::post, "/api/spotify/command", core::JsonWrite(body),
                              client);
}

}  // namespace echotune::api
