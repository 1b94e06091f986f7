#include "ingest/catalog_columns.h"

#include <cctype>
#include <unordered_map>

#include "ingest/catalog_track.h"
#include "ingest/input_error.h"

namespace echotune::ingest {
namespace {

std::string Normalize(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '_' || c == '-' || c == ' ' || c == '\t' || c == '"') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// In priority order: the first present alias of a field wins.
const std::array<std::vector<std::string>, static_cast<size_t>(CatalogField::kCount)>& Aliases() {
  static const std::array<std::vector<std::string>, static_cast<size_t>(CatalogField::kCount)> kAliases = {{
      {"track_id", "spotify_id", "spotify_track_id", "id", "uri", "track_uri", "spotify_uri", "spotify_track_uri"},
      {"track_name", "name", "track", "title", "song", "song_name"},
      {"track_artist", "artists", "artist", "artist_name", "artist_names", "track_artists"},
      {"artist_ids", "artist_id", "track_artist_id"},
      {"track_album_id", "album_id"},
      {"track_album_name", "album_name", "album"},
      {"track_album_release_date", "release_date", "album_release_date"},
      {"year", "release_year"},
      {"duration_ms", "track_duration_ms", "length_ms"},
      {"track_popularity", "popularity"},
      {"explicit", "is_explicit"},
      {"playlist_id"},
      {"playlist_name"},
  }};
  return kAliases;
}

// Normalized header name -> its first column: one pass over the header, then one
// lookup per alias (a header may be long; the fuzzer sends thousands of columns).
using HeaderIndex = std::unordered_map<std::string, size_t>;

std::optional<size_t> FindColumn(const HeaderIndex& header, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (auto it = header.find(Normalize(name)); it != header.end()) return it->second;
  }
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& AcceptedColumnNames(CatalogField field) {
  return Aliases()[static_cast<size_t>(field)];
}

const std::vector<std::string>& AcceptedGenreColumnNames() {
  static const std::vector<std::string> kNames = {"playlist_genre", "playlist_subgenre", "genre", "genres",
                                                  "subgenre", "track_genre", "artist_genres"};
  return kNames;
}

core::Result<CatalogColumns> CatalogColumns::FromHeader(const CsvRecord& header, const std::string& file) {
  std::vector<std::string> names;
  HeaderIndex index;
  for (const CsvField& f : header.fields) {
    names.push_back(Normalize(f.text));
    index.emplace(names.back(), names.size() - 1);  // keeps the first of equal names
  }
  CatalogColumns columns;
  columns.column_count = names.size();
  for (size_t f = 0; f < columns.field.size(); ++f) columns.field[f] = FindColumn(index, Aliases()[f]);
  for (size_t a = 0; a < kAudioFeatureNames.size(); ++a) {
    columns.audio_feature[a] = FindColumn(index, {std::string(kAudioFeatureNames[a])});
  }
  std::vector<std::string> genre_names;
  for (const std::string& g : AcceptedGenreColumnNames()) genre_names.push_back(Normalize(g));
  for (size_t i = 0; i < names.size(); ++i) {
    for (const std::string& g : genre_names) {
      if (names[i] == g) columns.genre.push_back(i);
    }
  }
  if (!columns.Of(CatalogField::kId)) {
    return InputError(file, header.line, 0, "no track id column (expected one of track_id, id, uri, …)");
  }
  if (!columns.Of(CatalogField::kName)) {
    return InputError(file, header.line, 0, "no track name column (expected one of track_name, name, track, …)");
  }
  return columns;
}

}  // namespace echotune::ingest
