#include "api/spotify_routes.h"

#include "api/recs_query.h"
#include "api/spotify_input.h"
#include "api/spotify_playlist_export.h"
#include "cache/cache_keys.h"
#include "http/envelope.h"
#include "model/track_metadata.h"

namespace echotune::api {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using http::HandlerResult;
using http::Reply;
using http::Request;

// What the catalogue knows of a track ({inCatalogue, audioFeatures?, genres?,
// releaseYear?}), cached under features:{trackId} (24 h) so that a burst of
// playback calls does not queue store reads on the worker pool.
awaitable<json::object> CatalogueView(ApiContext& ctx, const std::string& track_id) {
  std::string key = cache::FeaturesKey(track_id);
  if (auto hit = co_await ctx.cache.GetJson(key); hit && hit->is_object()) co_return hit->as_object();
  auto meta = co_await ctx.workers.Run([&] { return ctx.store.tracks().Get(track_id); });
  json::object view{{"inCatalogue", meta.ok()}};
  if (meta.ok()) {
    json::object known = model::ToJson(*meta);
    for (const char* k : {"audioFeatures", "genres", "releaseYear"}) {
      if (auto* v = known.if_contains(k)) view[k] = *v;
    }
  } else if (meta.error().code != core::ErrorCode::kNotFound) {
    co_return view;  // a store failure is not cached
  }
  co_await ctx.cache.SetJson(key, view, cache::kFeaturesTtl);
  co_return view;
}

// Adds CatalogueView to a track shape.
awaitable<void> Enrich(ApiContext& ctx, json::value& track) {
  if (!track.is_object()) co_return;
  json::object& t = track.as_object();
  const json::value* id = t.if_contains("trackId");
  if (!id || !id->is_string() || id->as_string().empty()) co_return;
  json::object view = co_await CatalogueView(ctx, std::string(id->as_string()));
  for (auto& [k, v] : view) t[k] = v;
}

template <typename T>
HandlerResult JsonOr(core::Result<T> r) {
  if (!r.ok()) return std::move(r).error();
  return Reply::Json(std::move(*r));
}

awaitable<HandlerResult> Playback(ApiContext& ctx, SpotifyServices& s, Request& req) {
  auto r = co_await s.player.Playback(req.auth->user_id);
  if (!r.ok()) co_return std::move(r).error();
  co_await Enrich(ctx, (*r)["track"]);
  co_return Reply::Json(std::move(*r));
}

awaitable<HandlerResult> Devices(SpotifyServices& s, Request& req) {
  auto r = co_await s.player.Devices(req.auth->user_id);
  if (!r.ok()) co_return std::move(r).error();
  co_return Reply::Json(json::object{{"devices", std::move(*r)}});
}

awaitable<HandlerResult> Search(SpotifyServices& s, Request& req) {
  auto q = ParseSearch(req);
  if (!q.ok()) co_return std::move(q).error();
  co_return JsonOr(co_await s.player.Search(req.auth->user_id, *q));
}

awaitable<HandlerResult> RecentlyPlayed(SpotifyServices& s, Request& req) {
  auto limit = IntQueryParam(req, "limit", 20, 1, 50);
  if (!limit.ok()) co_return std::move(limit).error();
  co_return JsonOr(co_await s.player.RecentlyPlayed(req.auth->user_id, *limit, std::nullopt));
}

awaitable<HandlerResult> Top(SpotifyServices& s, Request& req) {
  auto q = ParseTop(req);
  if (!q.ok()) co_return std::move(q).error();
  auto r = co_await s.player.Top(req.auth->user_id, q->type, q->range, q->limit);
  if (!r.ok()) co_return std::move(r).error();
  co_return Reply::Json(json::object{{"type", q->type}, {"range", q->range}, {"items", std::move(*r)}});
}

}  // namespace

void AddSpotifyRoutes(http::Router& router, ApiContext& ctx, SpotifyServices& s) {
  using http::beast_http::verb;
  router.Add({.method = verb::get,
              .pattern = "/api/spotify/playback",
              .auth = true,
              .tag = "spotify",
              .summary = "Playback state and current track (our track shape, enriched from the "
                         "catalogue: inCatalogue, audioFeatures, genres)",
              .handler = [&ctx, &s](Request& req) { return Playback(ctx, s, req); }});
  router.Add({.method = verb::get,
              .pattern = "/api/spotify/devices",
              .auth = true,
              .tag = "spotify",
              .summary = "The user's Spotify devices: {devices: [{id, name, type, isActive, volumePercent}]}",
              .handler = [&s](Request& req) { return Devices(s, req); }});
  router.Add({.method = verb::get,
              .pattern = "/api/spotify/search",
              .auth = true,
              .tag = "spotify",
              .summary = "Spotify search: {tracks|artists|albums|playlists: {items, total}}",
              .query = {{"q", "string", true, "search text"},
                        {"type", "string", false, "comma-separated: track,artist,album,playlist (track)"},
                        {"limit", "integer", false, "1–50 (20)"},
                        {"offset", "integer", false, "0–1000 (0)"}},
              .handler = [&s](Request& req) { return Search(s, req); }});
  router.Add({.method = verb::get,
              .pattern = "/api/spotify/recently-played",
              .auth = true,
              .tag = "spotify",
              .summary = "Recently played on Spotify: {items: [{track, playedAt, context}], cursors}",
              .query = {{"limit", "integer", false, "1–50 (20)"}},
              .handler = [&s](Request& req) { return RecentlyPlayed(s, req); }});
  router.Add({.method = verb::get,
              .pattern = "/api/spotify/top",
              .auth = true,
              .tag = "spotify",
              .summary = "The user's top tracks or artists on Spotify: {type, range, items}",
              .query = {{"type", "string", false, "tracks | artists (tracks)"},
                        {"range", "string", false, "short | medium | long (medium)"},
                        {"limit", "integer", false, "1–50 (20)"}},
              .handler = [&s](Request& req) { return Top(s, req); }});
  AddSpotifyCommandRoutes(router, ctx, s);
  AddPlaylistSpotifyRoute(router, ctx);
}

}  // namespace echotune::api
