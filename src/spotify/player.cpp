#include "spotify/player.h"

#include "spotify/curl_client.h"
#include "spotify/shapes.h"

namespace echotune::spotify {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;

ApiRequest Get(std::string path, std::string endpoint) {
  return ApiRequest{.method = "GET", .path = std::move(path), .endpoint = std::move(endpoint)};
}

ApiRequest Put(std::string path, json::value body = nullptr) {
  return ApiRequest{.method = "PUT", .path = std::move(path), .body = std::move(body), .endpoint = "player"};
}

ApiRequest Post(std::string path, json::value body = nullptr) {
  return ApiRequest{.method = "POST", .path = std::move(path), .body = std::move(body), .endpoint = "player"};
}

std::string DeviceQuery(const std::optional<std::string>& device_id, char sep = '?') {
  return device_id ? std::string(1, sep) + "device_id=" + UrlEncode(*device_id) : std::string();
}

}  // namespace

awaitable<core::Result<json::object>> Player::Playback(const std::string& user) {
  ApiRequest request = Get("/v1/me/player?additional_types=track", "player");
  auto r = co_await api_.Call(user, request);
  if (!r.ok()) co_return std::move(r).error();
  co_return PlaybackShape(r->json);
}

awaitable<core::Result<json::array>> Player::Devices(const std::string& user) {
  ApiRequest request = Get("/v1/me/player/devices", "devices");
  auto r = co_await api_.Call(user, request);
  if (!r.ok()) co_return std::move(r).error();
  co_return DevicesShape(r->json);
}

awaitable<core::Result<json::object>> Player::Queue(const std::string& user) {
  ApiRequest request = Get("/v1/me/player/queue", "queue");
  auto r = co_await api_.Call(user, request);
  if (!r.ok()) co_return std::move(r).error();
  co_return QueueShape(r->json);
}

awaitable<core::Result<json::object>> Player::Search(const std::string& user, const SearchQuery& s) {
  std::string path = "/v1/search?q=" + UrlEncode(s.q) + "&type=" + UrlEncode(s.types) +
                     "&limit=" + std::to_string(s.limit) + "&offset=" + std::to_string(s.offset);
  ApiRequest request = Get(std::move(path), "search");
  auto r = co_await api_.Call(user, request);
  if (!r.ok()) co_return std::move(r).error();
  co_return SearchShape(r->json);
}

awaitable<core::Result<json::object>> Player::RecentlyPlayed(const std::string& user, int limit,
                                                             std::optional<int64_t> after_ms) {
  std::string path = "/v1/me/player/recently-played?limit=" + std::to_string(limit);
  if (after_ms) path += "&after=" + std::to_string(*after_ms);
  ApiRequest request = Get(std::move(path), "recently-played");
  auto r = co_await api_.Call(user, request);
  if (!r.ok()) co_return std::move(r).error();
  co_return RecentlyPlayedShape(r->json);
}

awaitable<core::Result<json::array>> Player::Top(const std::string& user, const std::string& type,
                                                 const std::string& range, int limit) {
  std::string path = "/v1/me/top/" + type + "?time_range=" + range + "_term&limit=" + std::to_string(limit);
  ApiRequest request = Get(std::move(path), "top");
  auto r = co_await api_.Call(user, request);
  if (!r.ok()) co_return std::move(r).error();
  co_return TopShape(r->json, type);
}

awaitable<core::Status> Player::Command(const std::string& user, const ApiRequest& request) {
  auto r = co_await api_.Call(user, request);
  if (r.ok()) co_return core::Ok();
  core::Error e = std::move(r).error();
  if (e.code == core::ErrorCode::kNoActiveDevice) {
    auto devices = co_await Devices(user);
    e.details["devices"] = devices.ok() ? std::move(*devices) : json::array();
  }
  co_return e;
}

awaitable<core::Status> Player::Play(const std::string& user, const PlayInput& in) {
  json::object body;
  if (!in.uris.empty()) {
    json::array uris;
    for (const auto& u : in.uris) uris.push_back(json::string(u));
    body["uris"] = std::move(uris);
  }
  if (in.context_uri) body["context_uri"] = *in.context_uri;
  if (in.position_ms) body["position_ms"] = *in.position_ms;
  ApiRequest request = Put("/v1/me/player/play" + DeviceQuery(in.device_id), std::move(body));
  co_return co_await Command(user, request);
}

awaitable<core::Status> Player::Pause(const std::string& user) {
  ApiRequest request = Put("/v1/me/player/pause");
  co_return co_await Command(user, request);
}

awaitable<core::Status> Player::Next(const std::string& user) {
  ApiRequest request = Post("/v1/me/player/next");
  co_return co_await Command(user, request);
}

awaitable<core::Status> Player::Previous(const std::string& user) {
  ApiRequest request = Post("/v1/me/player/previous");
  co_return co_await Command(user, request);
}

awaitable<core::Status> Player::Volume(const std::string& user, int percent) {
  ApiRequest request = Put("/v1/me/player/volume?volume_percent=" + std::to_string(percent));
  co_return co_await Command(user, request);
}

awaitable<core::Status> Player::Shuffle(const std::string& user, bool state) {
  ApiRequest request = Put(std::string("/v1/me/player/shuffle?state=") + (state ? "true" : "false"));
  co_return co_await Command(user, request);
}

awaitable<core::Status> Player::Repeat(const std::string& user, const std::string& state) {
  ApiRequest request = Put("/v1/me/player/repeat?state=" + UrlEncode(state));
  co_return co_await Command(user, request);
}

awaitable<core::Status> Player::AddToQueue(const std::string& user, const std::string& uri) {
  ApiRequest request = Post("/v1/me/player/queue?uri=" + UrlEncode(uri));
  co_return co_await Command(user, request);
}

awaitable<core::Status> Player::Transfer(const std::string& user, const std::string& device_id, bool play) {
  json::object body{{"device_ids", json::array{json::string(device_id)}}, {"play", play}};
  ApiRequest request = Put("/v1/me/player", std::move(body));
  co_return co_await Command(user, request);
}

awaitable<core::Result<std::string>> Player::CreatePlaylist(const std::string& user, const NewPlaylist& p) {
  json::object body{{"name", p.name}, {"description", p.description}, {"public", p.is_public}};
  ApiRequest create{.method = "POST",
                    .path = "/v1/users/" + UrlEncode(p.owner_spotify_id) + "/playlists",
                    .body = std::move(body),
                    .endpoint = "playlists"};
  auto created = co_await api_.Call(user, create);
  if (!created.ok()) co_return std::move(created).error();
  std::string id = StringAt(created->json, "id");
  if (id.empty()) {
    co_return core::Error{core::ErrorCode::kSpotifyUnavailable, "Spotify created no playlist id", {}};
  }
  for (size_t i = 0; i < p.track_uris.size(); i += 100) {
    json::array uris;
    for (size_t j = i; j < std::min(p.track_uris.size(), i + 100); ++j) uris.push_back(json::string(p.track_uris[j]));
    ApiRequest add{.method = "POST",
                   .path = "/v1/playlists/" + UrlEncode(id) + "/tracks",
                   .body = json::object{{"uris", std::move(uris)}},
                   .endpoint = "playlist-tracks"};
    auto added = co_await api_.Call(user, add);
    if (!added.ok()) {
      core::Error e = std::move(added).error();
      e.details["spotifyPlaylistId"] = id;
      e.details["tracksAdded"] = static_cast<int64_t>(i);
      co_return e;
    }
  }
  co_return id;
}

}  // namespace echotune::spotify
