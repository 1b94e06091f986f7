// RealtimeEvents: what EchoTune says over Socket.IO (SYSTEM.md §8;
// docs/realtime.md). Server events: now_playing and queue_update (the
// NowPlayingHub polls a user only while one of their sockets has sent
// subscribe_now_playing), recommendation_update (RecommendationUpdates),
// provider_health (the LLM circuit breakers' transitions, to every socket).
// Client events, each acknowledged with an envelope {success, data|error,
// code}: subscribe_now_playing, unsubscribe_now_playing,
// request_recommendations ([query]: the query parameters of GET
// /api/recommendations as an object; the ack is that endpoint's answer),
// playback_command ([text] or [{text}]: the ack is POST /api/spotify/command's
// answer). Those two run through the HTTP pipeline itself (validation, rate
// limits, cache), so their data is the REST API's, byte for byte.
//
// Thread-safe. REQUIRES: every reference outlives this object; construct
// before sockets.Start, destroy after the server stopped serving.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>

#include "api/api_context.h"
#include "api/now_playing_hub.h"
#include "api/recommendation_updates.h"
#include "http/pipeline.h"
#include "http/router.h"
#include "llm/provider_health_hub.h"
#include "realtime/event_publisher.h"
#include "realtime/socket_server.h"

namespace echotune::api {

class RealtimeEvents final {
 public:
  RealtimeEvents(realtime::SocketServer& sockets, realtime::EventPublisher& publisher, NowPlayingHub& now_playing,
                 RecommendationUpdates& updates, llm::ProviderHealthHub& provider_health, http::Pipeline& pipeline);
  ~RealtimeEvents();
  RealtimeEvents(const RealtimeEvents&) = delete;
  RealtimeEvents& operator=(const RealtimeEvents&) = delete;

  // Sockets subscribed to now-playing right now.
  size_t now_playing_subscriptions() const;

 private:
  boost::json::value Subscribe(const realtime::ClientContext& client);
  boost::json::value Unsubscribe(const std::string& sid);
  static boost::asio::awaitable<boost::json::value> RequestRecommendations(http::Pipeline& pipeline,
                                                                          const realtime::ClientContext& c,
                                                                          const boost::json::array& args);
  static boost::asio::awaitable<boost::json::value> PlaybackCommand(http::Pipeline& pipeline,
                                                                   const realtime::ClientContext& c,
                                                                   const boost::json::array& args);

  realtime::EventPublisher& publisher_;
  NowPlayingHub& now_playing_;
  RecommendationUpdates& updates_;
  llm::ProviderHealthHub& provider_health_;
  http::Pipeline& pipeline_;
  RecommendationUpdates::SubscriptionId updates_subscription_ = 0;
  llm::ProviderHealthHub::SubscriptionId health_subscription_ = 0;
  mutable std::mutex mu_;  // guards subscriptions_
  std::map<std::string, NowPlayingHub::SubscriptionId> subscriptions_;  // by Engine.IO sid
};

// The query string of GET /api/recommendations from a request_recommendations
// argument (absent/null, or an object of strategy, limit, offset, seed_tracks
// (string or array of strings), seed_genres, target_energy, target_valence,
// mood). VALIDATION_ERROR naming the field otherwise. Pure.
// Socket CONNECT auth: the JWT verified (INVALID_TOKEN with the reason) and
// not revoked by a logout.
realtime::SocketServer::Authenticator MakeSocketAuthenticator(ApiContext& ctx);

// POST /api/_test/realtime/each-user {event}: `event` with data {n} to the
// room of every user connected here, one ToUser per user (the load benchmark's
// trigger; ECHOTUNE_TEST_ROUTES only). REQUIRES: publisher outlives the router.
// The loop runs on the worker pool (as the background refresh publishes), so
// the io threads stay free to write. POST /api/_test/realtime/to-user
// {event, data}: one event to the authenticated user's room (the
// several-instance tests' trigger).
void AddRealtimeTestRoutes(http::Router& router, core::WorkerPool& workers, realtime::SocketServer& sockets,
                           realtime::EventPublisher& publisher);

core::Result<std::string> RecommendationsQueryFromArgs(const boost::json::array& args);

}  // namespace echotune::api
