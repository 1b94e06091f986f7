#include "spotify/shapes.h"

namespace echotune::spotify {
namespace {

namespace json = boost::json;

const json::value kNull;

json::value Int(const json::value& v, std::string_view key) {
  const json::value& x = At(v, key);
  if (x.is_int64()) return x.as_int64();
  if (x.is_uint64()) return static_cast<int64_t>(x.as_uint64());
  if (x.is_double()) return static_cast<int64_t>(x.as_double());
  return nullptr;
}

json::value Bool(const json::value& v, std::string_view key) {
  const json::value& x = At(v, key);
  return x.is_bool() ? json::value(x.as_bool()) : json::value(nullptr);
}

json::value StringOrNull(const json::value& v, std::string_view key) {
  const json::value& x = At(v, key);
  return x.is_string() ? json::value(x.as_string()) : json::value(nullptr);
}

json::value FirstImage(const json::value& v) {
  const json::value& imgs = At(v, "images");
  if (!imgs.is_array() || imgs.as_array().empty()) return nullptr;
  return StringOrNull(imgs.as_array().front(), "url");
}

const json::array& Items(const json::value& v) {
  static const json::array kEmpty;
  const json::value& items = At(v, "items");
  return items.is_array() ? items.as_array() : kEmpty;
}

template <typename F>
json::array MapItems(const json::value& v, F shape) {
  json::array out;
  for (const auto& item : Items(v)) {
    if (item.is_object()) out.push_back(shape(item));
  }
  return out;
}

}  // namespace

const json::value& At(const json::value& v, std::string_view key) {
  if (!v.is_object()) return kNull;
  const json::value* x = v.as_object().if_contains(key);
  return x ? *x : kNull;
}

std::string StringAt(const json::value& v, std::string_view key) {
  const json::value& x = At(v, key);
  return x.is_string() ? std::string(x.as_string()) : std::string();
}

json::object TrackShape(const json::value& t) {
  json::array names;
  const json::value& artists = At(t, "artists");
  const json::value* first = nullptr;
  if (artists.is_array()) {
    for (const auto& a : artists.as_array()) {
      if (!first) first = &a;
      names.push_back(json::string(StringAt(a, "name")));
    }
  }
  const json::value& album = At(t, "album");
  return {{"trackId", StringAt(t, "id")},
          {"name", StringAt(t, "name")},
          {"artist", first ? StringAt(*first, "name") : std::string()},
          {"artistId", first ? StringAt(*first, "id") : std::string()},
          {"artists", std::move(names)},
          {"album", StringAt(album, "name")},
          {"albumId", StringOrNull(album, "id")},
          {"durationMs", Int(t, "duration_ms")},
          {"popularity", Int(t, "popularity")},
          {"explicit", Bool(t, "explicit")},
          {"uri", StringAt(t, "uri")},
          {"imageUrl", FirstImage(album)},
          {"previewUrl", StringOrNull(t, "preview_url")}};
}

json::object ArtistShape(const json::value& a) {
  json::array genres;
  if (const json::value& g = At(a, "genres"); g.is_array()) genres = g.as_array();
  return {{"artistId", StringAt(a, "id")}, {"name", StringAt(a, "name")},
          {"genres", std::move(genres)},   {"popularity", Int(a, "popularity")},
          {"uri", StringAt(a, "uri")},     {"imageUrl", FirstImage(a)}};
}

json::object AlbumShape(const json::value& a) {
  const json::value& artists = At(a, "artists");
  std::string artist = artists.is_array() && !artists.as_array().empty()
                           ? StringAt(artists.as_array().front(), "name")
                           : std::string();
  return {{"albumId", StringAt(a, "id")},          {"name", StringAt(a, "name")},
          {"artist", artist},                      {"releaseDate", StringOrNull(a, "release_date")},
          {"totalTracks", Int(a, "total_tracks")}, {"uri", StringAt(a, "uri")},
          {"imageUrl", FirstImage(a)}};
}

json::object PlaylistShape(const json::value& p) {
  return {{"playlistId", StringAt(p, "id")},
          {"name", StringAt(p, "name")},
          {"owner", StringAt(At(p, "owner"), "display_name")},
          {"trackCount", Int(At(p, "tracks"), "total")},
          {"uri", StringAt(p, "uri")},
          {"imageUrl", FirstImage(p)}};
}

json::object DeviceShape(const json::value& d) {
  return {{"id", StringOrNull(d, "id")},
          {"name", StringAt(d, "name")},
          {"type", StringAt(d, "type")},
          {"isActive", At(d, "is_active").is_bool() && At(d, "is_active").as_bool()},
          {"isRestricted", At(d, "is_restricted").is_bool() && At(d, "is_restricted").as_bool()},
          {"volumePercent", Int(d, "volume_percent")}};
}

json::object PlaybackShape(const json::value& p) {
  const json::value& item = At(p, "item");
  const json::value& device = At(p, "device");
  const json::value& context = At(p, "context");
  json::value ctx = nullptr;
  if (context.is_object()) ctx = json::object{{"type", StringAt(context, "type")}, {"uri", StringAt(context, "uri")}};
  return {{"isPlaying", At(p, "is_playing").is_bool() && At(p, "is_playing").as_bool()},
          {"progressMs", Int(p, "progress_ms")},
          {"shuffle", Bool(p, "shuffle_state")},
          {"repeat", StringOrNull(p, "repeat_state")},
          {"device", device.is_object() ? json::value(DeviceShape(device)) : json::value(nullptr)},
          {"track", item.is_object() ? json::value(TrackShape(item)) : json::value(nullptr)},
          {"context", std::move(ctx)}};
}

json::array DevicesShape(const json::value& answer) {
  json::array out;
  const json::value& devices = At(answer, "devices");
  if (!devices.is_array()) return out;
  for (const auto& d : devices.as_array()) out.push_back(DeviceShape(d));
  return out;
}

json::object SearchShape(const json::value& answer) {
  json::object out;
  struct Kind {
    const char* key;
    json::object (*shape)(const json::value&);
  };
  for (Kind k : {Kind{"tracks", TrackShape}, Kind{"artists", ArtistShape}, Kind{"albums", AlbumShape},
                 Kind{"playlists", PlaylistShape}}) {
    const json::value& part = At(answer, k.key);
    if (!part.is_object()) continue;
    out[k.key] = json::object{{"items", MapItems(part, k.shape)}, {"total", Int(part, "total")}};
  }
  return out;
}

json::object RecentlyPlayedShape(const json::value& answer) {
  json::array items;
  for (const auto& it : Items(answer)) {
    const json::value& ctx = At(it, "context");
    items.push_back(json::object{
        {"track", TrackShape(At(it, "track"))},
        {"playedAt", StringAt(it, "played_at")},
        {"context", ctx.is_object() ? json::value(json::object{{"type", StringAt(ctx, "type")},
                                                               {"uri", StringAt(ctx, "uri")}})
                                    : json::value(nullptr)}});
  }
  const json::value& cursors = At(answer, "cursors");
  return {{"items", std::move(items)},
          {"cursors", json::object{{"after", StringOrNull(cursors, "after")},
                                   {"before", StringOrNull(cursors, "before")}}}};
}

json::array TopShape(const json::value& answer, std::string_view type) {
  return type == "artists" ? MapItems(answer, ArtistShape) : MapItems(answer, TrackShape);
}

json::object QueueShape(const json::value& answer) {
  const json::value& current = At(answer, "currently_playing");
  json::array queue;
  if (const json::value& q = At(answer, "queue"); q.is_array()) {
    for (const auto& t : q.as_array()) queue.push_back(TrackShape(t));
  }
  return {{"currentlyPlaying", current.is_object() ? json::value(TrackShape(current)) : json::value(nullptr)},
          {"queue", std::move(queue)}};
}

}  // namespace echotune::spotify
