#include "api/spotify_input.h"

#include <algorithm>
#include <cctype>

#include "api/recs_query.h"
#include "model/json_reader.h"

namespace echotune::api {
namespace {

core::Error Invalid(std::string field, std::string message) {
  return core::Error::Validation(std::move(field), std::move(message));
}

bool OneOf(std::string_view v, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

}  // namespace

bool IsSpotifyUri(std::string_view uri, std::string_view kind) {
  constexpr std::string_view kPrefix = "spotify:";
  if (uri.substr(0, kPrefix.size()) != kPrefix) return false;
  auto rest = uri.substr(kPrefix.size());
  auto colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= rest.size()) return false;
  if (!kind.empty() && rest.substr(0, colon) != kind) return false;
  auto id = rest.substr(colon + 1);
  return std::all_of(id.begin(), id.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == ':'; });
}

core::Result<spotify::SearchQuery> ParseSearch(const http::Request& req) {
  spotify::SearchQuery s;
  auto q = req.Query("q");
  if (!q || q->find_first_not_of(' ') == std::string_view::npos)
    return Invalid("q", "q is required");
  if (q->size() > 500) return Invalid("q", "q must be at most 500 characters");
  s.q = std::string(*q);
  if (auto type = req.Query("type")) {
    std::string_view rest = *type;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      auto t = rest.substr(0, comma);
      if (!OneOf(t, {"track", "artist", "album", "playlist"})) {
        return Invalid("type",
                       "type must be a comma-separated list of track, artist, album, playlist");
      }
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    s.types = std::string(*type);
  }
  auto limit = IntQueryParam(req, "limit", 20, 1, 50);
  if (!limit.ok()) return std::move(limit).error();
  auto offset = IntQueryParam(req, "offset", 0, 0, 1000);
  if (!offset.ok()) return std::move(offset).error();
  s.limit = *limit;
  s.offset = *offset;
  return s;
}

core::Result<TopQuery> ParseTop(const http::Request& req) {
  TopQuery t;
  if (auto type = req.Query("type")) {
    if (!OneOf(*type, {"tracks", "artists"}))
      return Invalid("type", "type must be tracks or artists");
    t.type = std::string(*type);
  }
  if (auto range = req.Query("range")) {
    if (!OneOf(*range, {"short", "medium", "long"})) {
      return Invalid("range", "range must be short, medium or long");
    }
    t.range = std::string(*range);
  }
  auto limit = IntQueryParam(req, "limit", 20, 1, 50);
  if (!limit.ok()) return std::move(limit).error();
  t.limit = *limit;
  return t;
}

core::Result<spotify::PlayInput> ParsePlay(const boost::json::value& body) {
  if (!body.is_null() && !body.is_object())
    return Invalid("body", "the body must be a JSON object");
  static const boost::json::value kNoFields = boost::json::object();  // no body: resume as it was
  model::JsonReader r(body.is_null() ? kNoFields : body);
  spotify::PlayInput in;
  in.uris = r.Strings("uris");
  in.context_uri = r.OptString("contextUri");
  in.device_id = r.OptString("deviceId");
  in.position_ms = r.OptInt("positionMs");
  if (auto s = r.status(); !s.ok()) return std::move(s).error();
  if (in.uris.size() > 100) return Invalid("uris", "at most 100 uris");
  for (size_t i = 0; i < in.uris.size(); ++i) {
    if (!IsSpotifyUri(in.uris[i])) {
      return Invalid("uris[" + std::to_string(i) + "]",
                     "must be a Spotify URI like spotify:track:<id>");
    }
  }
  if (in.context_uri && !IsSpotifyUri(*in.context_uri)) {
    return Invalid("contextUri", "must be a Spotify URI like spotify:playlist:<id>");
  }
  if (in.device_id && in.device_id->empty())
    return Invalid("deviceId", "deviceId must not be empty");
  if (in.position_ms && *in.position_ms < 0)
    return Invalid("positionMs", "positionMs must be >= 0");
  return in;
}

core::Result<int> ParseVolume(const boost::json::value& body) {
  model::JsonReader r(body);
  auto percent = r.OptInt("percent");
  if (auto s = r.status(); !s.ok()) return std::move(s).error();
  if (!percent || *percent < 0 || *percent > 100) {
    return Invalid("percent", "percent must be an integer from 0 to 100");
  }
  return static_cast<int>(*percent);
}

core::Result<bool> ParseShuffle(const boost::json::value& body) {
  const boost::json::value* v = body.is_object() ? body.as_object().if_contains("state") : nullptr;
  if (!v || !v->is_bool()) return Invalid("state", "state must be true or false");
  return v->as_bool();
}

core::Result<std::string> ParseRepeat(const boost::json::value& body) {
  model::JsonReader r(body);
  auto state = r.OptString("state");
  if (!state || !OneOf(*state, {"track", "context", "off"})) {
    return Invalid("state", "state must be track, context or off");
  }
  return *state;
}

core::Result<std::string> ParseQueue(const boost::json::value& body) {
  model::JsonReader r(body);
  auto uri = r.OptString("uri");
  if (!uri || (!IsSpotifyUri(*uri, "track") && !IsSpotifyUri(*uri, "episode"))) {
    return Invalid("uri", "uri must be a Spotify track or episode URI (spotify:track:<id>)");
  }
  return *uri;
}

core::Result<TransferInput> ParseTransfer(const boost::json::value& body) {
  model::JsonReader r(body);
  auto device = r.OptString("deviceId");
  bool play = r.Bool("play", false);
  if (auto s = r.status(); !s.ok()) return std::move(s).error();
  if (!device || device->empty()) return Invalid("deviceId", "deviceId is required");
  return TransferInput{*device, play};
}

core::Result<std::string> ParseCommandText(const boost::json::value& body) {
  model::JsonReader r(body);
  auto text = r.OptString("text");
  if (auto s = r.status(); !s.ok()) return std::move(s).error();
  if (!text || text->find_first_not_of(" \t\n") == std::string::npos) {
    return Invalid("text", "text is required");
  }
  if (text->size() > 500) return Invalid("text", "text must be at most 500 characters");
  return *text;
}

}  // namespace echotune::api
