// Player: the Web API operations EchoTune uses, for one user, in EchoTune's
// shapes (spotify/shapes.h). Inputs are already validated by the caller.
// Player commands that fail with NO_ACTIVE_DEVICE carry the user's devices in
// details.devices. Errors: those of SpotifyApi::Call.
// Thread-safe; `api` outlives it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "spotify/web_api.h"

namespace echotune::spotify {

struct SearchQuery {
  std::string q;
  std::string types = "track";  // comma-separated: track,artist,album,playlist
  int limit = 20;               // 1..50
  int offset = 0;
};

struct PlayInput {
  std::vector<std::string> uris;
  std::optional<std::string> context_uri;
  std::optional<std::string> device_id;
  std::optional<int64_t> position_ms;
};

struct NewPlaylist {
  std::string owner_spotify_id;  // the user's Spotify id
  std::string name;
  std::string description;
  bool is_public = false;
  std::vector<std::string> track_uris;  // added in chunks of 100
};

class Player final {
 public:
  explicit Player(SpotifyApi& api) : api_(api) {}

  using Json = boost::json::object;
  template <typename T>
  using Async = boost::asio::awaitable<core::Result<T>>;

  Async<Json> Playback(const std::string& user);
  Async<boost::json::array> Devices(const std::string& user);
  Async<Json> Queue(const std::string& user);  // {currentlyPlaying, queue}
  Async<Json> Search(const std::string& user, const SearchQuery& query);
  Async<Json> RecentlyPlayed(const std::string& user, int limit, std::optional<int64_t> after_ms);
  // type "tracks"|"artists", range "short"|"medium"|"long".
  Async<boost::json::array> Top(const std::string& user, const std::string& type,
                                const std::string& range, int limit);

  boost::asio::awaitable<core::Status> Play(const std::string& user, const PlayInput& in);
  boost::asio::awaitable<core::Status> Pause(const std::string& user);
  boost::asio::awaitable<core::Status> Next(const std::string& user);
  boost::asio::awaitable<core::Status> Previous(const std::string& user);
  boost::asio::awaitable<core::Status> Volume(const std::string& user, int percent);
  boost::asio::awaitable<core::Status> Shuffle(const std::string& user, bool state);
  boost::asio::awaitable<core::Status> Repeat(const std::string& user, const std::string& state);
  boost::asio::awaitable<core::Status> AddToQueue(const std::string& user, const std::string& uri);
  boost::asio::awaitable<core::Status> Transfer(const std::string& user, const std::string& device_id,
                                                bool play);

  // Creates the playlist in the user's account and adds the tracks (chunks of
  // 100). Returns the Spotify playlist id; on a failure after the creation,
  // the error's details.spotifyPlaylistId names the partial playlist.
  Async<std::string> CreatePlaylist(const std::string& user, const NewPlaylist& playlist);

 private:
  boost::asio::awaitable<core::Status> Command(const std::string& user, const ApiRequest& request);

  SpotifyApi& api_;
};

}  // namespace echotune::spotify
