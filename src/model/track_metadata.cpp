#include "model/track_metadata.h"

#include <algorithm>
#include <array>

#include "model/checker.h"
#include "model/json_reader.h"

namespace echotune::model {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 9> kFeatureNames = {
    "acousticness", "danceability", "energy", "instrumentalness", "liveness",
    "loudness",     "speechiness",  "valence", "tempo"};

template <typename T>
void Keep(std::optional<T>& out, const std::optional<T>& incoming) {
  if (incoming) out = incoming;
}

// Keeps `out` when present, else takes `fallback`.
template <typename T>
void Fill(std::optional<T>& out, const std::optional<T>& fallback) {
  if (!out) out = fallback;
}

AudioFeatures MergeFeatures(const AudioFeatures& a, const AudioFeatures& b) {
  AudioFeatures out = a;
  Keep(out.acousticness, b.acousticness);
  Keep(out.danceability, b.danceability);
  Keep(out.energy, b.energy);
  Keep(out.instrumentalness, b.instrumentalness);
  Keep(out.liveness, b.liveness);
  Keep(out.loudness, b.loudness);
  Keep(out.speechiness, b.speechiness);
  Keep(out.valence, b.valence);
  Keep(out.tempo, b.tempo);
  Keep(out.key, b.key);
  Keep(out.mode, b.mode);
  Keep(out.time_signature, b.time_signature);
  return out;
}

void CheckFeatures(Checker& c, const AudioFeatures& f) {
  const std::string p = "audioFeatures.";
  for (size_t i = 0; i < kFeatureNames.size(); ++i) {
    auto feature = static_cast<Feature>(i);
    std::string field = p + std::string(kFeatureNames[i]);
    if (feature == Feature::kLoudness) c.Range(field, f.loudness, -60, 0);
    else if (feature == Feature::kTempo) c.Range(field, f.tempo, 0, 300);
    else c.Unit(field, Get(f, feature));
  }
  c.IntRange(p + "key", f.key, -1, 11).IntRange(p + "mode", f.mode, 0, 1);
  c.IntRange(p + "time_signature", f.time_signature, 3, 7);
}

AudioFeatures ReadFeatures(JsonReader r) {
  AudioFeatures f;
  f.acousticness = r.OptNumber("acousticness");
  f.danceability = r.OptNumber("danceability");
  f.energy = r.OptNumber("energy");
  f.instrumentalness = r.OptNumber("instrumentalness");
  f.liveness = r.OptNumber("liveness");
  f.loudness = r.OptNumber("loudness");
  f.speechiness = r.OptNumber("speechiness");
  f.valence = r.OptNumber("valence");
  f.tempo = r.OptNumber("tempo");
  f.key = r.OptInt("key");
  f.mode = r.OptInt("mode");
  f.time_signature = r.OptInt("time_signature");
  return f;
}

AlbumInfo ReadAlbum(JsonReader r) {
  AlbumInfo a;
  a.id = r.OptString("id");
  a.name = r.OptString("name");
  a.release_date = r.OptString("release_date");
  a.total_tracks = r.OptInt("total_tracks");
  r.Each("images", [&](JsonReader& i, size_t) {
    a.images.push_back({i.String("url"), i.OptInt("width"), i.OptInt("height")});
  });
  return a;
}

json::object AlbumJson(const AlbumInfo& a) {
  json::array images;
  for (const auto& i : a.images) {
    json::object img{{"url", i.url}};
    PutInt(img, "width", i.width);
    PutInt(img, "height", i.height);
    images.push_back(std::move(img));
  }
  json::object o;
  PutString(o, "id", a.id);
  PutString(o, "name", a.name);
  PutString(o, "release_date", a.release_date);
  PutInt(o, "total_tracks", a.total_tracks);
  o["images"] = std::move(images);
  return o;
}

}  // namespace

std::optional<double> Get(const AudioFeatures& f, Feature feature) {
  switch (feature) {
    case Feature::kAcousticness: return f.acousticness;
    case Feature::kDanceability: return f.danceability;
    case Feature::kEnergy: return f.energy;
    case Feature::kInstrumentalness: return f.instrumentalness;
    case Feature::kLiveness: return f.liveness;
    case Feature::kLoudness: return f.loudness;
    case Feature::kSpeechiness: return f.speechiness;
    case Feature::kValence: return f.valence;
    case Feature::kTempo: return f.tempo;
  }
  return std::nullopt;
}

std::string_view FeatureName(Feature feature) {
  return kFeatureNames[static_cast<size_t>(feature)];
}

std::optional<Feature> FeatureFromName(std::string_view name) {
  for (size_t i = 0; i < kFeatureNames.size(); ++i) {
    if (kFeatureNames[i] == name) return static_cast<Feature>(i);
  }
  return std::nullopt;
}

core::Status Validate(const TrackMetadata& t) {
  Checker c;
  c.Required("spotifyId", t.spotify_id).Required("name", t.name);
  c.IntRange("durationMs", t.duration_ms, 0, INT64_MAX / 2).IntRange("popularity", t.popularity, 0, 100);
  c.IntRange("releaseYear", t.release_year, 1000, 9999);
  if (t.audio_features) CheckFeatures(c, *t.audio_features);
  for (size_t i = 0; i < t.genres.size() && c.ok(); ++i) {
    if (t.genres[i].empty()) c.Fail("genres[" + std::to_string(i) + "]", "genre must not be empty");
  }
  return c.Done();
}

void DeriveReleaseYear(TrackMetadata& t) {
  if (t.release_year || !t.album || !t.album->release_date) return;
  const std::string& d = *t.album->release_date;
  if (d.size() >= 4 && std::all_of(d.begin(), d.begin() + 4, ::isdigit)) {
    t.release_year = std::stoll(d.substr(0, 4));
  }
}

TrackMetadata MergeTrack(const TrackMetadata& existing, const TrackMetadata& in) {
  TrackMetadata out = in;
  out.id = existing.id;
  out.created_at = existing.created_at;
  if (in.name.empty()) out.name = existing.name;
  if (in.artists.empty()) out.artists = existing.artists;
  if (!in.album) out.album = existing.album;
  Fill(out.duration_ms, existing.duration_ms);
  Fill(out.popularity, existing.popularity);
  Fill(out.preview_url, existing.preview_url);
  Fill(out.external_url, existing.external_url);
  Fill(out.release_year, existing.release_year);
  if (existing.audio_features && in.audio_features) {
    out.audio_features = MergeFeatures(*existing.audio_features, *in.audio_features);
  } else if (!in.audio_features) {
    out.audio_features = existing.audio_features;
  }
  out.genres = existing.genres;
  for (const auto& g : in.genres) {
    if (std::find(out.genres.begin(), out.genres.end(), g) == out.genres.end()) out.genres.push_back(g);
  }
  return out;
}

json::object ToJson(const AudioFeatures& f) {
  json::object o;
  for (size_t i = 0; i < kFeatureNames.size(); ++i) {
    PutNumber(o, kFeatureNames[i], Get(f, static_cast<Feature>(i)));
  }
  PutInt(o, "key", f.key);
  PutInt(o, "mode", f.mode);
  PutInt(o, "time_signature", f.time_signature);
  return o;
}

json::object ToJson(const TrackMetadata& t) {
  json::array artists;
  for (const auto& a : t.artists) artists.push_back(json::object{{"id", a.id}, {"name", a.name}});
  json::object o{{"_id", t.id.ToHex()}, {"spotifyId", t.spotify_id}, {"name", t.name},
                 {"artists", std::move(artists)}};
  if (t.album) o["album"] = AlbumJson(*t.album);
  PutInt(o, "durationMs", t.duration_ms);
  o["explicit"] = t.is_explicit;
  PutInt(o, "popularity", t.popularity);
  PutString(o, "previewUrl", t.preview_url);
  if (t.external_url) o["externalUrls"] = json::object{{"spotify", *t.external_url}};
  if (t.audio_features) o["audioFeatures"] = ToJson(*t.audio_features);
  o["genres"] = StringArray(t.genres);
  PutInt(o, "releaseYear", t.release_year);
  PutDate(o, "createdAt", t.created_at);
  PutDate(o, "updatedAt", t.updated_at);
  return o;
}

core::Result<TrackMetadata> TrackMetadataFromJson(const json::value& value) {
  JsonReader r(value);
  TrackMetadata t;
  t.id = r.OptId("_id").value_or(core::ObjectId{});
  t.spotify_id = r.String("spotifyId");
  t.name = r.String("name");
  r.Each("artists", [&](JsonReader& a, size_t) {
    t.artists.push_back({a.OptString("id").value_or(""), a.OptString("name").value_or("")});
  });
  if (r.Has("album")) t.album = ReadAlbum(r.Child("album"));
  t.duration_ms = r.OptInt("durationMs");
  t.is_explicit = r.Bool("explicit", false);
  t.popularity = r.OptInt("popularity");
  t.preview_url = r.OptString("previewUrl");
  t.external_url = r.Child("externalUrls").OptString("spotify");
  if (r.Has("audioFeatures")) t.audio_features = ReadFeatures(r.Child("audioFeatures"));
  t.genres = r.Strings("genres");
  t.release_year = r.OptInt("releaseYear");
  t.created_at = r.OptDate("createdAt").value_or(core::TimePoint{});
  t.updated_at = r.OptDate("updatedAt").value_or(core::TimePoint{});
  if (!r.ok()) return r.status().error();
  return t;
}

}  // namespace echotune::model
