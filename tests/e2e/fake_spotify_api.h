// The Web API answers of FakeSpotify (included at the end of fake_spotify.h).
// One playing track (kFakeTrackId), two devices (Kitchen Speaker, active
// unless SetNoActiveDevice; My Laptop), search results echoing the query
// ("nothing" finds nothing), recently played from SetRecentlyPlayed.
#pragma once

#include "tests/e2e/fake_spotify.h"

namespace echotune::e2e {

inline constexpr char kFakeTrackId[] = "4uLU6hMCjMI75M1A2tKUQC";
inline constexpr char kFakePlaylistUri[] = "spotify:playlist:37i9dQZF1DX4rfAQfAp5iu";

inline boost::json::object FakeTrack(const std::string& id, const std::string& name, const std::string& artist) {
  return {{"id", id},
          {"name", name},
          {"uri", "spotify:track:" + id},
          {"duration_ms", 213000},
          {"popularity", 77},
          {"explicit", false},
          {"artists", {{{"id", "artist-1"}, {"name", artist}}}},
          {"album", {{"id", "album-1"}, {"name", "Fake Album"}, {"images", {{{"url", "http://127.0.0.1/a.png"}}}}}}};
}

inline boost::json::array FakeDevices(bool active) {
  return {{{"id", "dev-kitchen"}, {"name", "Kitchen Speaker"}, {"type", "Speaker"}, {"is_active", active},
           {"is_restricted", false}, {"volume_percent", 40}},
          {{"id", "dev-laptop"}, {"name", "My Laptop"}, {"type", "Computer"}, {"is_active", false},
           {"is_restricted", false}, {"volume_percent", 70}}};
}

inline std::map<std::string, std::string> FakeQuery(std::string_view target) {
  auto q = target.find('?');
  return q == std::string_view::npos ? std::map<std::string, std::string>{} : FakeForm(target.substr(q + 1));
}

inline FakeResponse FakeSearch(const std::map<std::string, std::string>& query) {
  std::string q = query.count("q") ? query.at("q") : "";
  std::string types = query.count("type") ? query.at("type") : "track";
  bool none = q.find("nothing") != std::string::npos;
  boost::json::object out;
  auto part = [&](boost::json::object item) {
    boost::json::array items;
    if (!none) items.push_back(std::move(item));
    return boost::json::object{{"items", std::move(items)}, {"total", none ? 0 : 1}};
  };
  if (types.find("track") != std::string::npos) out["tracks"] = part(FakeTrack(kFakeTrackId, q + " (song)", "Fake Artist"));
  if (types.find("artist") != std::string::npos) {
    out["artists"] = part({{"id", "artist-1"}, {"name", "Fake Artist"}, {"genres", {"pop"}},
                                     {"popularity", 60}, {"uri", "spotify:artist:artist1"}});
  }
  if (types.find("album") != std::string::npos) {
    out["albums"] = part({{"id", "album-1"}, {"name", q + " album"}, {"release_date", "2020-01-01"},
                                   {"total_tracks", 10}, {"uri", "spotify:album:album1"},
                                   {"artists", {{{"name", "Fake Artist"}}}}});
  }
  if (types.find("playlist") != std::string::npos) {
    out["playlists"] = part({{"id", "37i9dQZF1DX4rfAQfAp5iu"}, {"name", q + " vibes"},
                                         {"uri", kFakePlaylistUri}, {"owner", {{"display_name", "Spotify"}}},
                                         {"tracks", {{"total", 50}}}});
  }
  return FakeJson(200, out);
}

inline FakeResponse FakeRecentlyPlayed(FakeSpotify& fake, const std::map<std::string, std::string>& query) {
  int64_t after = query.count("after") ? std::stoll(query.at("after")) : 0;
  boost::json::array items;
  int64_t newest = 0;
  for (const auto& p : fake.recent()) {
    if (p.played_at_ms <= after) continue;
    newest = std::max(newest, p.played_at_ms);
    items.push_back({{"track", FakeTrack(p.track_id, p.name, p.artist)}, {"played_at", p.played_at},
                     {"context", nullptr}});
  }
  boost::json::value cursors = nullptr;
  if (newest > 0) cursors = {{"after", std::to_string(newest)}, {"before", std::to_string(after)}};
  return FakeJson(200, {{"items", items}, {"cursors", cursors}});
}

inline FakeResponse FakePlayerCommand(FakeSpotify& fake) {
  if (fake.non_premium()) return FakeApiError(403, "Player command failed: Premium required", "PREMIUM_REQUIRED");
  if (fake.no_active_device()) return FakeApiError(404, "Player command failed: No active device found", "NO_ACTIVE_DEVICE");
  return FakeEmpty(204);
}

inline FakeResponse FakeWebApi(FakeSpotify& fake, const FakeRequest& req) {
  auto auth = req.find(fake_http::field::authorization);
  if (!fake.TokenValid(auth == req.end() ? "" : std::string(auth->value()))) {
    return FakeApiError(401, "The access token expired");
  }
  std::string target(req.target());
  std::string path = target.substr(0, target.find('?'));
  auto query = FakeQuery(target);
  const bool get = req.method() == fake_http::verb::get;
  if (get && path == "/v1/me/player") {
    if (fake.nothing_playing() || fake.no_active_device()) return FakeEmpty(204);
    return FakeJson(200, {{"is_playing", true},
                          {"progress_ms", 61000},
                          {"shuffle_state", false},
                          {"repeat_state", "off"},
                          {"device", FakeDevices(true)[0]},
                          {"context", {{"type", "playlist"}, {"uri", kFakePlaylistUri}}},
                          {"item", FakeTrack(kFakeTrackId, "Fake Song", "Fake Artist")}});
  }
  if (get && path == "/v1/me/player/devices") return FakeJson(200, {{"devices", FakeDevices(!fake.no_active_device())}});
  if (get && path == "/v1/me/player/queue") {
    return FakeJson(200, {{"currently_playing", FakeTrack(kFakeTrackId, "Fake Song", "Fake Artist")},
                          {"queue", {FakeTrack("queued1", "Next Song", "Fake Artist")}}});
  }
  if (get && path == "/v1/search") return FakeSearch(query);
  if (get && path == "/v1/me/player/recently-played") return FakeRecentlyPlayed(fake, query);
  if (get && path == "/v1/me/top/tracks") {
    return FakeJson(200, {{"items", {FakeTrack(kFakeTrackId, "Top Song", "Fake Artist")}}});
  }
  if (get && path == "/v1/me/top/artists") {
    return FakeJson(200, {{"items", {{{"id", "artist-1"}, {"name", "Fake Artist"}, {"genres", {"pop"}}}}}});
  }
  if (path == "/v1/me/player" && req.method() == fake_http::verb::put) {  // transfer
    return fake.non_premium() ? FakePlayerCommand(fake) : FakeEmpty(204);
  }
  if (path.rfind("/v1/me/player/", 0) == 0 && !get) return FakePlayerCommand(fake);
  if (req.method() == fake_http::verb::post && path.rfind("/v1/users/", 0) == 0) {
    return FakeJson(201, {{"id", "sp-playlist-" + std::to_string(fake.NextPlaylistId())}});
  }
  if (req.method() == fake_http::verb::post && path.rfind("/v1/playlists/", 0) == 0) {
    int n = fake.NextTracksCall();
    if (fake.fail_tracks_from() > 0 && n >= fake.fail_tracks_from()) return FakeApiError(500, "tracks failed");
    return FakeJson(201, {{"snapshot_id", "snap-" + std::to_string(n)}});
  }
  return FakeApiError(404, "not found: " + path);
}

}  // namespace echotune::e2e
