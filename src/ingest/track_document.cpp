#include "ingest/track_document.h"

namespace echotune::ingest {
namespace {

std::optional<int64_t> AsInt(const std::optional<double>& v) {
  if (!v) return std::nullopt;
  return static_cast<int64_t>(*v);
}

std::optional<model::AudioFeatures> FeaturesOf(const CatalogTrack& t) {
  const auto& v = t.audio_features;  // indexed like kAudioFeatureNames
  bool any = false;
  for (const auto& f : v) any = any || f.has_value();
  if (!any) return std::nullopt;
  model::AudioFeatures f;
  f.acousticness = v[0];
  f.danceability = v[1];
  f.energy = v[2];
  f.instrumentalness = v[3];
  f.liveness = v[4];
  f.loudness = v[5];
  f.speechiness = v[6];
  f.valence = v[7];
  f.tempo = v[8];
  f.key = AsInt(v[9]);
  f.mode = AsInt(v[10]);
  f.time_signature = AsInt(v[11]);
  return f;
}

std::optional<model::AlbumInfo> AlbumOf(const CatalogTrack& t) {
  if (t.album_id.empty() && t.album_name.empty() && t.release_date.empty()) return std::nullopt;
  model::AlbumInfo album;
  if (!t.album_id.empty()) album.id = t.album_id;
  if (!t.album_name.empty()) album.name = t.album_name;
  if (!t.release_date.empty()) album.release_date = t.release_date;
  return album;
}

boost::json::object ContentOf(const model::TrackMetadata& t) {
  boost::json::object o = model::ToJson(t);
  o.erase("_id");
  o.erase("createdAt");
  o.erase("updatedAt");
  return o;
}

}  // namespace

model::TrackMetadata ToTrackMetadata(const CatalogTrack& t) {
  model::TrackMetadata doc;
  doc.spotify_id = t.spotify_id;
  doc.name = t.name;
  for (size_t i = 0; i < t.artists.size(); ++i) {
    doc.artists.push_back({i < t.artist_ids.size() ? t.artist_ids[i] : std::string(), t.artists[i]});
  }
  doc.album = AlbumOf(t);
  doc.duration_ms = t.duration_ms;
  doc.is_explicit = t.explicit_content.value_or(false);
  if (t.popularity) doc.popularity = *t.popularity;
  doc.external_url = "https://open.spotify.com/track/" + t.spotify_id;
  doc.audio_features = FeaturesOf(t);
  doc.genres = t.genres;
  if (t.release_year) doc.release_year = *t.release_year;
  return doc;
}

bool SameContent(const model::TrackMetadata& a, const model::TrackMetadata& b) {
  return ContentOf(a) == ContentOf(b);
}

}  // namespace echotune::ingest
