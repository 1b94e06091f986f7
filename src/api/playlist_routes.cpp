#include "api/playlist_routes.h"

#include <memory>

#include "api/analytics_recorder.h"
#include "api/playlist_edit.h"
#include "api/playlist_generator.h"
#include "api/recs_query.h"
#include "api/recs_service.h"
#include "api/request_user.h"
#include "api/spotify_playlist_export.h"
#include "model/ids.h"

namespace echotune::api {
namespace {

using boost::asio::awaitable;
using http::HandlerResult;
using http::Reply;
using http::Request;

constexpr char kGenerateExample[] =
    R"({"prompt": "make me a 20-song upbeat workout playlist with some rock", "public": false})";
constexpr char kPatchExample[] =
    R"({"name": "Gym", "add": ["4uLU6hMCjMI75M1A2tKUQC"], "remove": [], "move": {"from": 0, "to": 3}})";

// The user's playlist `id` (path parameter); NOT_FOUND for another user's.
core::Result<model::Playlist> OwnPlaylist(store::Store& store, const core::ObjectId& user,
                                          const core::ObjectId& id) {
  auto p = store.playlists().Get(id);
  if (!p.ok()) return p.error();
  if (p->user_id != user) return core::Error::NotFound("playlist not found");
  return p;
}

awaitable<HandlerResult> Generate(ApiContext& ctx, RecsService& svc, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto in = ParseGenerateRequest(req.body);
  if (!in.ok()) co_return std::move(in).error();
  auto p = co_await ctx.workers.Run([&] { return GeneratePlaylist(svc, ctx.store, *user, *in); });
  if (!p.ok()) co_return std::move(p).error();
  boost::json::object data = model::ToJson(*p);
  // {"saveToSpotify": true}: also sent to Spotify; a failure keeps the playlist and says why.
  if (const auto* save = req.body.is_object() ? req.body.as_object().if_contains("saveToSpotify") : nullptr;
      save && save->is_bool() && save->as_bool() && ctx.spotify) {
    auto sent = co_await SaveToSpotify(ctx, req.auth->user_id, req.auth->spotify_id, *p);
    if (sent.ok() && sent->contains("spotifyPlaylistId")) {
      data["spotifyPlaylistId"] = sent->at("spotifyPlaylistId");
    }
    data["spotify"] = sent.ok() ? std::move(*sent) : SpotifyFailureJson(sent.error());
  }
  Reply reply = Reply::Json(std::move(data));
  reply.status = 201;
  co_return reply;
}

awaitable<HandlerResult> List(ApiContext& ctx, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto limit = IntQueryParam(req, "limit", 20, 1, 100);
  if (!limit.ok()) co_return std::move(limit).error();
  auto page = IntQueryParam(req, "page", 0, 1, 1'000'000);
  if (!page.ok()) co_return std::move(page).error();
  auto offset = IntQueryParam(req, "offset", *page > 0 ? (*page - 1) * *limit : 0, 0, 100'000'000);
  if (!offset.ok()) co_return std::move(offset).error();
  auto found = co_await ctx.workers.Run([&] { return ctx.store.playlists().ListByUser(*user, *offset, *limit); });
  if (!found.ok()) co_return std::move(found).error();
  boost::json::array data;
  for (const auto& p : found->items) data.push_back(model::ToJson(p));
  boost::json::object meta{{"total", found->total}, {"limit", *limit}, {"offset", *offset},
                           {"page", *offset / *limit + 1}};
  co_return Reply::Json(std::move(data), std::move(meta));
}

awaitable<HandlerResult> GetOne(ApiContext& ctx, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto id = model::ParseId(req.Param("id"), "id");
  if (!id.ok()) co_return std::move(id).error();
  auto p = co_await ctx.workers.Run([&] { return OwnPlaylist(ctx.store, *user, *id); });
  if (!p.ok()) co_return std::move(p).error();
  co_return Reply::Json(model::ToJson(*p));
}

awaitable<HandlerResult> Search(ApiContext& ctx, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto q = req.Query("q");
  if (!q || q->find_first_not_of(' ') == std::string_view::npos) {
    co_return core::Error::Validation("q", "q is required");
  }
  auto limit = IntQueryParam(req, "limit", 20, 1, 100);
  if (!limit.ok()) co_return std::move(limit).error();
  std::string query(*q);
  auto found = co_await ctx.workers.Run([&] {
    auto result = ctx.store.playlists().Search(*user, query, *limit);
    if (result.ok()) {
      RecordAnalyticsEvent(ctx.store, ctx.clock, *user, model::EventType::kSearchPerformed,
                           {{"query", query}, {"resultCount", result->size()}, {"type", "playlist"}});
    }
    return result;
  });
  if (!found.ok()) co_return std::move(found).error();
  boost::json::array data;
  for (const auto& p : *found) data.push_back(model::ToJson(p));
  boost::json::object meta{{"total", data.size()}, {"query", query}};
  co_return Reply::Json(std::move(data), std::move(meta));
}

// BLOCKING: the whole PATCH against the store.
core::Result<model::Playlist> ApplyPatch(store::Store& store, const core::ObjectId& user,
                                         const core::ObjectId& id, const PlaylistEdit& edit) {
  auto p = OwnPlaylist(store, user, id);
  if (!p.ok()) return p;
  if (edit.changes_tracks()) {
    auto catalogue = store.tracks().GetMany(edit.add);
    if (!catalogue.ok()) return catalogue.error();
    if (auto s = ApplyTrackEdits(p->tracks, edit, *catalogue); !s.ok()) return std::move(s).error();
    p = store.playlists().ReplaceTracks(id, std::move(p->tracks));
    if (!p.ok()) return p;
  }
  if (edit.name || edit.description) p = store.playlists().UpdateInfo(id, edit.name, edit.description);
  return p;
}

awaitable<HandlerResult> Patch(ApiContext& ctx, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto id = model::ParseId(req.Param("id"), "id");
  if (!id.ok()) co_return std::move(id).error();
  auto edit = ParsePlaylistEdit(req.body);
  if (!edit.ok()) co_return std::move(edit).error();
  auto p = co_await ctx.workers.Run([&] { return ApplyPatch(ctx.store, *user, *id, *edit); });
  if (!p.ok()) co_return std::move(p).error();
  co_return Reply::Json(model::ToJson(*p));
}

void AddReadRoutes(http::Router& router, ApiContext& ctx) {
  using http::beast_http::verb;
  router.Add({.method = verb::get,
              .pattern = "/api/playlists",
              .auth = true,
              .tag = "playlists",
              .summary = "The user's playlists, newest first; meta {total, limit, offset, page}",
              .query = {{"page", "integer", false, "1-based page (instead of offset)"},
                        {"offset", "integer", false, ">= 0, default 0"},
                        {"limit", "integer", false, "1–100, default 20"}},
              .handler = [&ctx](Request& req) { return List(ctx, req); }});
  router.Add({.method = verb::get,
              .pattern = "/api/playlists/search",
              .auth = true,
              .tag = "playlists",
              .summary = "Full-text search over the user's playlists' names and descriptions",
              .query = {{"q", "string", true, "search words"}, {"limit", "integer", false, "1–100, default 20"}},
              .handler = [&ctx](Request& req) { return Search(ctx, req); }});
  router.Add({.method = verb::get,
              .pattern = "/api/playlists/{id}",
              .auth = true,
              .tag = "playlists",
              .summary = "One of the user's playlists (NOT_FOUND for another user's)",
              .handler = [&ctx](Request& req) { return GetOne(ctx, req); }});
}

}  // namespace

void AddPlaylistRoutes(http::Router& router, ApiContext& ctx, recs::RecEngine& engine) {
  using http::beast_http::verb;
  auto svc = std::make_shared<RecsService>(ctx.store, engine, ctx.clock);
  router.Add({.method = verb::post,
              .pattern = "/api/playlists/generate",
              .auth = true,
              .tag = "playlists",
              .summary = "Generate and store a playlist from a sentence (mood, activity, genres, count)",
              .body_example = kGenerateExample,
              .handler = [&ctx, svc](Request& req) { return Generate(ctx, *svc, req); }});
  AddReadRoutes(router, ctx);
  router.Add({.method = verb::patch,
              .pattern = "/api/playlists/{id}",
              .auth = true,
              .tag = "playlists",
              .summary = "Rename, describe, add, remove and move tracks (remove, add, then move); "
                         "positions stay 0..n-1",
              .body_example = kPatchExample,
              .handler = [&ctx](Request& req) { return Patch(ctx, req); }});
}

}  // namespace echotune::api
