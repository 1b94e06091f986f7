#include "api/spotify_playlist_export.h"

#include "api/request_user.h"
#include "api/spotify_routes.h"
#include "api/spotify_services.h"
#include "model/ids.h"

namespace echotune::api {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using http::HandlerResult;
using http::Reply;
using http::Request;

awaitable<HandlerResult> Send(ApiContext& ctx, Request& req) {
  auto user = RequestUserId(req);
  if (!user.ok()) co_return std::move(user).error();
  auto id = model::ParseId(req.Param("id"), "id");
  if (!id.ok()) co_return std::move(id).error();
  auto p = co_await ctx.workers.Run([&] { return ctx.store.playlists().Get(*id); });
  if (!p.ok()) co_return std::move(p).error();
  if (p->user_id != *user) co_return core::Error::NotFound("playlist not found");
  auto saved = co_await SaveToSpotify(ctx, req.auth->user_id, req.auth->spotify_id, *p);
  if (!saved.ok()) co_return std::move(saved).error();
  co_return Reply::Json(std::move(*saved));
}

}  // namespace

awaitable<core::Result<json::object>> SaveToSpotify(ApiContext& ctx, const std::string& user_id,
                                                    const std::string& spotify_user_id,
                                                    const model::Playlist& p) {
  if (p.spotify_playlist_id) {
    co_return json::object{{"saved", true}, {"alreadySaved", true}, {"spotifyPlaylistId", *p.spotify_playlist_id}};
  }
  spotify::NewPlaylist out{.owner_spotify_id = spotify_user_id,
                           .name = p.name,
                           .description = p.description.value_or("Made by EchoTune"),
                           .is_public = p.is_public};
  for (const auto& t : p.tracks) out.track_uris.push_back("spotify:track:" + t.track_id);
  auto created = co_await ctx.spotify->player.CreatePlaylist(user_id, out);
  if (!created.ok()) co_return std::move(created).error();
  std::string spotify_id = *created;
  auto stored = co_await ctx.workers.Run([&] { return ctx.store.playlists().SetSpotifyPlaylistId(p.id, spotify_id); });
  if (!stored.ok()) {
    core::Error e = std::move(stored).error();
    e.details["spotifyPlaylistId"] = spotify_id;
    co_return e;
  }
  co_return json::object{{"saved", true},
                         {"spotifyPlaylistId", spotify_id},
                         {"tracksSent", static_cast<int64_t>(out.track_uris.size())}};
}

json::object SpotifyFailureJson(const core::Error& error) {
  json::object err{{"code", core::ToString(error.code)}, {"message", error.message}};
  if (!error.details.empty()) err["details"] = error.details;
  return {{"saved", false}, {"error", std::move(err)}};
}

void AddPlaylistSpotifyRoute(http::Router& router, ApiContext& ctx) {
  router.Add({.method = http::beast_http::verb::post,
              .pattern = "/api/playlists/{id}/spotify",
              .auth = true,
              .tag = "playlists",
              .summary = "Sends the playlist to the user's Spotify account (tracks in chunks of 100) "
                         "and stores spotifyPlaylistId: {saved, spotifyPlaylistId, tracksSent}; "
                         "a failure leaves the playlist as it was",
              .handler = [&ctx](Request& req) { return Send(ctx, req); }});
}

}  // namespace echotune::api
