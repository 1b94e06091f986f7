#include "api/spotify_command.h"

#include <algorithm>
#include <cctype>

#include "spotify/shapes.h"

namespace echotune::api {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using chat::CommandKind;
using Answer = core::Result<json::object>;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

json::object Did(const chat::Command& c, std::string did) {
  return {{"understood", chat::ToString(c.kind)}, {"did", std::move(did)}};
}

Answer Done(core::Status s, const chat::Command& c, std::string did) {
  if (!s.ok()) return std::move(s).error();
  return Did(c, std::move(did));
}

// The first item of a search answer's `kind` part, or null.
const json::value* First(const json::object& results, const char* kind) {
  const json::value* part = results.if_contains(kind);
  const json::value* items = part && part->is_object() ? part->as_object().if_contains("items") : nullptr;
  if (!items || !items->is_array() || items->as_array().empty()) return nullptr;
  return &items->as_array().front();
}

core::Error NothingFound(const std::string& query) {
  return core::Error::NotFound("Spotify found nothing for \"" + query + "\"");
}

awaitable<Answer> Play(spotify::Player& player, const std::string& user, const chat::Command& c) {
  spotify::PlayInput in;
  if (c.uri) {
    if (c.uri->rfind("spotify:track:", 0) == 0 || c.uri->rfind("spotify:episode:", 0) == 0) {
      in.uris = {*c.uri};
    } else {
      in.context_uri = *c.uri;
    }
    co_return Done(co_await player.Play(user, in), c, "playing " + *c.uri);
  }
  // A mood or a single vague word ("jazz"): a playlist suits it; a title: the track.
  bool playlist = c.mood.has_value() || c.query.find(' ') == std::string::npos;
  spotify::SearchQuery q{.q = c.query, .types = playlist ? "playlist,track" : "track", .limit = 5};
  auto found = co_await player.Search(user, q);
  if (!found.ok()) co_return std::move(found).error();
  const json::value* pick = playlist ? First(*found, "playlists") : nullptr;
  std::string what;
  if (pick) {
    in.context_uri = spotify::StringAt(*pick, "uri");
    what = "the playlist \"" + spotify::StringAt(*pick, "name") + "\"";
  } else if ((pick = First(*found, "tracks"))) {
    in.uris = {spotify::StringAt(*pick, "uri")};
    what = "\"" + spotify::StringAt(*pick, "name") + "\" by " + spotify::StringAt(*pick, "artist");
  } else {
    co_return NothingFound(c.query);
  }
  auto played = co_await player.Play(user, in);
  if (!played.ok()) co_return std::move(played).error();
  json::object out = Did(c, "playing " + what);
  out["item"] = *pick;
  co_return out;
}

awaitable<Answer> Queue(spotify::Player& player, const std::string& user, const chat::Command& c) {
  std::string uri = c.uri.value_or("");
  std::string what = uri;
  if (uri.empty()) {
    spotify::SearchQuery q{.q = c.query, .types = "track", .limit = 1};
    auto found = co_await player.Search(user, q);
    if (!found.ok()) co_return std::move(found).error();
    const json::value* track = First(*found, "tracks");
    if (!track) co_return NothingFound(c.query);
    uri = spotify::StringAt(*track, "uri");
    what = "\"" + spotify::StringAt(*track, "name") + "\" by " + spotify::StringAt(*track, "artist");
  }
  co_return Done(co_await player.AddToQueue(user, uri), c, "queued " + what);
}

awaitable<Answer> Volume(spotify::Player& player, const std::string& user, const chat::Command& c) {
  int target = c.volume;
  if (c.volume_change != chat::VolumeChange::kSet) {
    auto state = co_await player.Playback(user);
    if (!state.ok()) co_return std::move(state).error();
    const json::value playback(std::move(*state));  // At() needs a json::value, not a temporary of one
    const json::value& now = spotify::At(spotify::At(playback, "device"), "volumePercent");
    int current = now.is_int64() ? static_cast<int>(now.as_int64()) : 50;
    int step = c.volume_change == chat::VolumeChange::kUp ? c.volume : -c.volume;
    target = std::clamp(current + step, 0, 100);
  }
  auto s = co_await player.Volume(user, target);
  if (!s.ok()) co_return std::move(s).error();
  json::object out = Did(c, "volume set to " + std::to_string(target) + "%");
  out["percent"] = target;
  co_return out;
}

awaitable<Answer> Transfer(spotify::Player& player, const std::string& user, const chat::Command& c) {
  auto devices = co_await player.Devices(user);
  if (!devices.ok()) co_return std::move(devices).error();
  for (const auto& d : *devices) {
    std::string name = Lower(spotify::StringAt(d, "name"));
    if (name.find(c.query) == std::string::npos && c.query.find(name) == std::string::npos) continue;
    std::string id = spotify::StringAt(d, "id");
    auto s = co_await player.Transfer(user, id, true);
    co_return Done(std::move(s), c, "playback moved to " + spotify::StringAt(d, "name"));
  }
  core::Error e = core::Error::NotFound("no Spotify device is called \"" + c.query + "\"");
  e.details["devices"] = std::move(*devices);
  co_return e;
}

core::Error NotAPlayerCommand(const chat::Command& c) {
  const char* where = c.kind == CommandKind::kRecommend ? "GET /api/recommendations"
                      : c.kind == CommandKind::kMakePlaylist
                          ? "POST /api/playlists/generate"
                          : nullptr;
  if (where) {
    return core::Error::Validation("text", std::string("not a player command: use ") + where);
  }
  return core::Error::Validation(
      "text", "not understood as a Spotify command (try: play …, pause, skip, volume 30, "
              "shuffle off, queue …, switch to …)");
}

}  // namespace

awaitable<Answer> RunCommand(spotify::Player& player, const std::string& user, const chat::Command& c) {
  switch (c.kind) {
    case CommandKind::kPlay: co_return co_await Play(player, user, c);
    case CommandKind::kResume: {
      spotify::PlayInput resume;
      co_return Done(co_await player.Play(user, resume), c, "resumed playback");
    }
    case CommandKind::kPause: co_return Done(co_await player.Pause(user), c, "paused");
    case CommandKind::kNext: co_return Done(co_await player.Next(user), c, "skipped to the next track");
    case CommandKind::kPrevious: co_return Done(co_await player.Previous(user), c, "went back a track");
    case CommandKind::kVolume: co_return co_await Volume(player, user, c);
    case CommandKind::kShuffle:
      co_return Done(co_await player.Shuffle(user, c.state), c, c.state ? "shuffle on" : "shuffle off");
    case CommandKind::kRepeat: co_return Done(co_await player.Repeat(user, c.repeat), c, "repeat " + c.repeat);
    case CommandKind::kQueue: co_return co_await Queue(player, user, c);
    case CommandKind::kTransfer: co_return co_await Transfer(player, user, c);
    case CommandKind::kDevices: {
      auto devices = co_await player.Devices(user);
      if (!devices.ok()) co_return std::move(devices).error();
      json::object out = Did(c, "listed " + std::to_string(devices->size()) + " devices");
      out["devices"] = std::move(*devices);
      co_return out;
    }
    case CommandKind::kNowPlaying: {
      auto state = co_await player.Playback(user);
      if (!state.ok()) co_return std::move(state).error();
      const json::value playback(std::move(*state));  // At() needs a json::value, not a temporary of one
      const json::value& track = spotify::At(playback, "track");
      json::object out = Did(c, track.is_object() ? "playing \"" + spotify::StringAt(track, "name") + "\" by " +
                                                        spotify::StringAt(track, "artist")
                                                  : std::string("nothing is playing"));
      out["playback"] = playback;
      co_return out;
    }
    case CommandKind::kRecommend:
    case CommandKind::kMakePlaylist:
    case CommandKind::kNone: co_return NotAPlayerCommand(c);
  }
  co_return NotAPlayerCommand(c);
}

}  // namespace echotune::api
