// CatalogColumns: which CSV column holds which track field, found by header name.
// Names match case-insensitively, ignoring '_', '-' and spaces ("track_id",
// "TrackId" and "track id" are the same). docs/import.md lists every accepted name.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/csv_reader.h"

namespace echotune::ingest {

enum class CatalogField {
  kId, kName, kArtists, kArtistIds, kAlbumId, kAlbumName, kReleaseDate, kReleaseYear,
  kDurationMs, kPopularity, kExplicit, kPlaylistId, kPlaylistName, kCount
};

struct CatalogColumns {
  std::array<std::optional<size_t>, static_cast<size_t>(CatalogField::kCount)> field;
  std::array<std::optional<size_t>, 12> audio_feature;  // indexed like kAudioFeatureNames
  std::vector<size_t> genre;  // every genre-like column, in header order
  size_t column_count = 0;

  std::optional<size_t> Of(CatalogField f) const { return field[static_cast<size_t>(f)]; }

  // Maps a header record. VALIDATION_ERROR naming `file` (line 1) when there is no
  // id column or no name column.
  static core::Result<CatalogColumns> FromHeader(const CsvRecord& header, const std::string& file);
};

// The accepted header names of a field, e.g. {"track_id", "id", "spotify_id", "uri", …}.
const std::vector<std::string>& AcceptedColumnNames(CatalogField field);
// Header names whose values become genres.
const std::vector<std::string>& AcceptedGenreColumnNames();

}  // namespace echotune::ingest
