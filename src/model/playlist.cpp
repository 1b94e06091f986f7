#include "model/playlist.h"

#include "model/checker.h"
#include "model/json_reader.h"

namespace echotune::model {

namespace json = boost::json;

namespace {

constexpr double kMaxFeature = 1e6;

PlaylistTrack ReadTrack(JsonReader& t) {
  PlaylistTrack track;
  track.track_id = t.String("trackId");
  track.name = t.OptString("name").value_or("");
  track.artist = t.OptString("artist").value_or("");
  track.added_at = t.OptDate("addedAt").value_or(core::TimePoint{});
  track.position = t.Int("position", 0);
  return track;
}

json::object GenerationJson(const GenerationParameters& g) {
  json::object features;
  for (const auto& [k, v] : g.audio_features) features[k] = v;
  json::object o{{"genres", StringArray(g.genres)}, {"audio_features", std::move(features)}};
  PutEnum(o, "mood", g.mood);
  PutEnum(o, "activity", g.activity);
  PutString(o, "originalPrompt", g.original_prompt);
  return o;
}

GenerationParameters ReadGeneration(JsonReader r, const json::object& raw) {
  GenerationParameters g;
  g.mood = r.OptEnum<Mood>("mood");
  g.activity = r.OptEnum<Activity>("activity");
  g.genres = r.Strings("genres");
  JsonReader features = r.Child("audio_features");
  auto it = raw.find("audio_features");
  if (it != raw.end() && it->value().is_object()) {
    for (const auto& kv : it->value().get_object()) {
      if (auto v = features.OptNumber(kv.key())) g.audio_features[std::string(kv.key())] = *v;
    }
  }
  g.original_prompt = r.OptString("originalPrompt");
  return g;
}

}  // namespace

core::Status Validate(const Playlist& p) {
  Checker c;
  if (p.user_id.IsZero()) c.Fail("userId", "userId is required");
  c.Required("name", p.name);
  if (p.spotify_playlist_id && p.spotify_playlist_id->empty()) {
    c.Fail("spotifyPlaylistId", "spotifyPlaylistId must not be empty when present");
  }
  for (size_t i = 0; i < p.tracks.size() && c.ok(); ++i) {
    c.Required(Indexed("tracks", i) + "trackId", p.tracks[i].track_id);
  }
  if (p.generation_parameters) {
    for (const auto& [k, v] : p.generation_parameters->audio_features) {
      c.Range("generation_parameters.audio_features." + k, v, -kMaxFeature, kMaxFeature);
    }
  }
  return c.Done();
}

void Renumber(Playlist& p) {
  for (size_t i = 0; i < p.tracks.size(); ++i) p.tracks[i].position = static_cast<int64_t>(i);
  p.track_count = static_cast<int64_t>(p.tracks.size());
}

json::object ToJson(const PlaylistTrack& t) {
  json::object o{{"trackId", t.track_id}, {"name", t.name}, {"artist", t.artist}};
  PutDate(o, "addedAt", t.added_at);
  o["position"] = t.position;
  return o;
}

json::object ToJson(const Playlist& p) {
  json::array tracks;
  for (const auto& t : p.tracks) tracks.push_back(ToJson(t));
  json::object o{{"_id", p.id.ToHex()}, {"userId", p.user_id.ToHex()}, {"name", p.name}};
  PutString(o, "description", p.description);
  PutEnum(o, "playlist_type", p.playlist_type);
  PutString(o, "spotifyPlaylistId", p.spotify_playlist_id);
  o["tracks"] = std::move(tracks);
  if (p.generation_parameters) o["generation_parameters"] = GenerationJson(*p.generation_parameters);
  o["public"] = p.is_public;
  o["collaborative"] = p.collaborative;
  o["trackCount"] = p.track_count;
  PutDate(o, "createdAt", p.created_at);
  PutDate(o, "updatedAt", p.updated_at);
  return o;
}

core::Result<Playlist> PlaylistFromJson(const json::value& value) {
  JsonReader r(value);
  Playlist p;
  p.id = r.OptId("_id").value_or(core::ObjectId{});
  p.user_id = r.OptId("userId").value_or(core::ObjectId{});
  p.name = r.String("name");
  p.description = r.OptString("description");
  p.playlist_type = r.OptEnum<PlaylistType>("playlist_type");
  p.spotify_playlist_id = r.OptString("spotifyPlaylistId");
  r.Each("tracks", [&](JsonReader& t, size_t) { p.tracks.push_back(ReadTrack(t)); });
  if (r.Has("generation_parameters") && value.is_object()) {
    const auto& raw = value.get_object().at("generation_parameters");
    p.generation_parameters = ReadGeneration(r.Child("generation_parameters"),
                                             raw.is_object() ? raw.get_object() : json::object());
  }
  p.is_public = r.Bool("public", false);
  p.collaborative = r.Bool("collaborative", false);
  p.track_count = r.Int("trackCount", static_cast<int64_t>(p.tracks.size()));
  p.created_at = r.OptDate("createdAt").value_or(core::TimePoint{});
  p.updated_at = r.OptDate("updatedAt").value_or(core::TimePoint{});
  if (!r.ok()) return r.status().error();
  return p;
}

core::Result<std::vector<PlaylistTrack>> PlaylistTracksFromJson(const json::value& value) {
  const json::value wrapper = json::object{{"tracks", value}};
  JsonReader r(wrapper);
  std::vector<PlaylistTrack> tracks;
  if (!value.is_array()) r.Fail("tracks", "must be an array");
  r.Each("tracks", [&](JsonReader& t, size_t) { tracks.push_back(ReadTrack(t)); });
  if (!r.ok()) return r.status().error();
  return tracks;
}

}  // namespace echotune::model
