// POST /api/spotify/{play,pause,skip,previous,volume,shuffle,repeat,queue,
// transfer,command}: see spotify_routes.h.
#include "api/spotify_command.h"
#include "api/spotify_input.h"
#include "api/spotify_routes.h"

namespace echotune::api {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using http::HandlerResult;
using http::Reply;
using http::Request;

HandlerResult Done(core::Status s, json::object data) {
  if (!s.ok()) return std::move(s).error();
  return Reply::Json(std::move(data));
}

awaitable<HandlerResult> Play(SpotifyServices& s, Request& req) {
  auto in = ParsePlay(req.body);
  if (!in.ok()) co_return std::move(in).error();
  auto done = co_await s.player.Play(req.auth->user_id, *in);
  co_return Done(std::move(done), {{"playing", true}});
}

awaitable<HandlerResult> Pause(SpotifyServices& s, Request& req) {
  auto done = co_await s.player.Pause(req.auth->user_id);
  co_return Done(std::move(done), {{"paused", true}});
}

awaitable<HandlerResult> Skip(SpotifyServices& s, Request& req) {
  auto done = co_await s.player.Next(req.auth->user_id);
  co_return Done(std::move(done), {{"skipped", true}});
}

awaitable<HandlerResult> Previous(SpotifyServices& s, Request& req) {
  auto done = co_await s.player.Previous(req.auth->user_id);
  co_return Done(std::move(done), {{"previous", true}});
}

awaitable<HandlerResult> Volume(SpotifyServices& s, Request& req) {
  auto percent = ParseVolume(req.body);
  if (!percent.ok()) co_return std::move(percent).error();
  auto done = co_await s.player.Volume(req.auth->user_id, *percent);
  co_return Done(std::move(done), {{"percent", *percent}});
}

awaitable<HandlerResult> Shuffle(SpotifyServices& s, Request& req) {
  auto state = ParseShuffle(req.body);
  if (!state.ok()) co_return std::move(state).error();
  auto done = co_await s.player.Shuffle(req.auth->user_id, *state);
  co_return Done(std::move(done), {{"shuffle", *state}});
}

awaitable<HandlerResult> Repeat(SpotifyServices& s, Request& req) {
  auto state = ParseRepeat(req.body);
  if (!state.ok()) co_return std::move(state).error();
  auto done = co_await s.player.Repeat(req.auth->user_id, *state);
  co_return Done(std::move(done), {{"repeat", *state}});
}

awaitable<HandlerResult> Queue(SpotifyServices& s, Request& req) {
  auto uri = ParseQueue(req.body);
  if (!uri.ok()) co_return std::move(uri).error();
  auto done = co_await s.player.AddToQueue(req.auth->user_id, *uri);
  co_return Done(std::move(done), {{"queued", *uri}});
}

awaitable<HandlerResult> Transfer(SpotifyServices& s, Request& req) {
  auto in = ParseTransfer(req.body);
  if (!in.ok()) co_return std::move(in).error();
  auto done = co_await s.player.Transfer(req.auth->user_id, in->device_id, in->play);
  co_return Done(std::move(done), {{"deviceId", in->device_id}, {"play", in->play}});
}

awaitable<HandlerResult> Command(SpotifyServices& s, Request& req) {
  auto text = ParseCommandText(req.body);
  if (!text.ok()) co_return std::move(text).error();
  chat::Command command = chat::ParseCommand(*text);
  auto done = co_await RunCommand(s.player, req.auth->user_id, command);
  if (!done.ok()) co_return std::move(done).error();
  (*done)["text"] = *text;
  co_return Reply::Json(std::move(*done));
}

using Fn = awaitable<HandlerResult> (*)(SpotifyServices&, Request&);

struct CommandRoute {
  const char* path;
  Fn fn;
  const char* summary;
  const char* example;
};

}  // namespace

void AddSpotifyCommandRoutes(http::Router& router, ApiContext&, SpotifyServices& s) {
  const CommandRoute routes[] = {
      {"/api/spotify/play", Play, "Start or resume playback: {uris?, contextUri?, deviceId?, positionMs?}",
       R"({"uris": ["spotify:track:4uLU6hMCjMI75M1A2tKUQC"]})"},
      {"/api/spotify/pause", Pause, "Pause playback", ""},
      {"/api/spotify/skip", Skip, "Skip to the next track", ""},
      {"/api/spotify/previous", Previous, "Back to the previous track", ""},
      {"/api/spotify/volume", Volume, "Set the volume: {percent 0–100}", R"({"percent": 30})"},
      {"/api/spotify/shuffle", Shuffle, "Shuffle on or off: {state}", R"({"state": true})"},
      {"/api/spotify/repeat", Repeat, "Repeat mode: {state: track|context|off}", R"({"state": "off"})"},
      {"/api/spotify/queue", Queue, "Add a track to the queue: {uri}",
       R"({"uri": "spotify:track:4uLU6hMCjMI75M1A2tKUQC"})"},
      {"/api/spotify/transfer", Transfer, "Move playback to a device: {deviceId, play?}",
       R"({"deviceId": "abc123", "play": true})"},
      {"/api/spotify/command", Command,
       "Free-text command (\"play something calm\", \"volume 30\", \"skip\", \"queue …\", "
       "\"shuffle off\", \"switch to kitchen speaker\"): {understood, did, text, …}; "
       "mood/genre plays the first matching Spotify playlist",
       R"({"text": "play something calm"})"},
  };
  for (const auto& r : routes) {
    router.Add({.method = http::beast_http::verb::post,
                .pattern = r.path,
                .auth = true,
                .tag = "spotify",
                .summary = r.summary,
                .body_example = r.example,
                .handler = [&s, fn = r.fn](Request& req) { return fn(s, req); }});
  }
}

}  // namespace echotune::api
