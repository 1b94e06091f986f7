#include "ingest/catalog_row.h"

#include <algorithm>
#include <cctype>

#include "ingest/field_value.h"
#include "ingest/track_id.h"

namespace echotune::ingest {
namespace {

// Titles that spreadsheet software turned into dates in a published copy (see the
// hit-predictor PROVENANCE): repaired only when both id and damaged text match.
struct Repair {
  std::string_view id, damaged, original;
};
constexpr Repair kRepairs[] = {{"5t6q0AC5pTGxCnLSg3qu4i", "01-02-2003", "1-2-3"}};

struct FeatureRange {
  double min, max;
  bool integral;
};
// Indexed like kAudioFeatureNames.
constexpr FeatureRange kFeatureRanges[12] = {
    {0, 1, false}, {0, 1, false}, {0, 1, false}, {0, 1, false}, {0, 1, false}, {-60, 0, false},
    {0, 1, false}, {0, 1, false}, {1e-9, 300, false}, {-1, 11, true}, {0, 1, true}, {3, 7, true}};

class RowMapper {
 public:
  RowMapper(const CatalogColumns& columns, const CsvRecord& record) : columns_(columns), record_(record) {}

  CatalogRowOutcome Map();

 private:
  const CsvField* Cell(std::optional<size_t> column) const {
    return column && *column < record_.fields.size() ? &record_.fields[*column] : nullptr;
  }
  std::string Text(CatalogField f) const {
    const CsvField* c = Cell(columns_.Of(f));
    return c && !IsMissingValue(c->text, c->quoted) ? std::string(Trim(c->text)) : std::string();
  }
  bool Bad(std::optional<size_t> column, std::string problem) {
    outcome_.skip_reason = kSkipBadRow;
    outcome_.problem = std::move(problem);
    outcome_.column = column ? *column + 1 : 0;
    return false;
  }
  template <typename T, typename Parse>
  bool Read(std::optional<size_t> column, const char* name, Parse parse, std::optional<T>& out);
  bool ReadNumbers(CatalogTrack& t);
  bool ReadFeatures(CatalogTrack& t);
  void ReadGenres(CatalogTrack& t) const;

  const CatalogColumns& columns_;
  const CsvRecord& record_;
  CatalogRowOutcome outcome_;
};

template <typename T, typename Parse>
bool RowMapper::Read(std::optional<size_t> column, const char* name, Parse parse, std::optional<T>& out) {
  const CsvField* c = Cell(column);
  if (!c) return true;
  auto parsed = parse(c->text, c->quoted);
  if (parsed.invalid) return Bad(column, std::string("unreadable ") + name + " '" + c->text + "'");
  if (parsed.value) out = static_cast<T>(*parsed.value);
  return true;
}

bool RowMapper::ReadNumbers(CatalogTrack& t) {
  std::optional<long long> popularity, year;
  bool ok = Read(columns_.Of(CatalogField::kDurationMs), "duration_ms", ParseInteger, t.duration_ms) &&
            Read(columns_.Of(CatalogField::kPopularity), "popularity", ParseInteger, popularity) &&
            Read(columns_.Of(CatalogField::kExplicit), "explicit", ParseBoolean, t.explicit_content) &&
            Read(columns_.Of(CatalogField::kReleaseYear), "year", ParseInteger, year);
  if (!ok) return false;
  if (t.duration_ms && *t.duration_ms <= 0) t.duration_ms.reset(), ++outcome_.values_dropped;
  if (popularity && (*popularity < 0 || *popularity > 100)) popularity.reset(), ++outcome_.values_dropped;
  if (popularity) t.popularity = static_cast<int>(*popularity);
  t.release_year = ReleaseYearOf(t.release_date);
  if (!t.release_year && year) t.release_year = ReleaseYearOf(std::to_string(*year));
  return true;
}

bool RowMapper::ReadFeatures(CatalogTrack& t) {
  for (size_t i = 0; i < kAudioFeatureNames.size(); ++i) {
    std::optional<double> v;
    if (!Read(columns_.audio_feature[i], kAudioFeatureNames[i].data(), ParseNumber, v)) return false;
    const FeatureRange& r = kFeatureRanges[i];
    if (v && (*v < r.min || *v > r.max || (r.integral && *v != static_cast<long long>(*v)))) {
      v.reset();
      ++outcome_.values_dropped;
    }
    t.audio_features[i] = v;
  }
  return true;
}

void RowMapper::ReadGenres(CatalogTrack& t) const {
  for (size_t column : columns_.genre) {
    const CsvField* c = Cell(column);
    if (!c || IsMissingValue(c->text, c->quoted)) continue;
    for (std::string g : SplitList(c->text, ",;|")) {
      std::transform(g.begin(), g.end(), g.begin(), [](unsigned char ch) { return std::tolower(ch); });
      if (std::find(t.genres.begin(), t.genres.end(), g) == t.genres.end()) t.genres.push_back(std::move(g));
    }
  }
}

CatalogRowOutcome RowMapper::Map() {
  if (record_.fields.size() != columns_.column_count) {
    Bad(std::nullopt, "has " + std::to_string(record_.fields.size()) + " columns, the header has " +
                          std::to_string(columns_.column_count));
    return outcome_;
  }
  CatalogTrack t;
  std::string id_text = Text(CatalogField::kId);
  std::optional<std::string> id = SpotifyTrackIdOf(id_text);
  if (!id) {
    Bad(columns_.Of(CatalogField::kId), "not a Spotify track id: '" + id_text + "'");
    return outcome_;
  }
  t.spotify_id = std::move(*id);
  t.name = Text(CatalogField::kName);
  t.artists = SplitList(Text(CatalogField::kArtists), ";");
  t.artist_ids = SplitList(Text(CatalogField::kArtistIds), ",;");
  t.album_id = Text(CatalogField::kAlbumId);
  t.album_name = Text(CatalogField::kAlbumName);
  t.release_date = Text(CatalogField::kReleaseDate);
  t.playlist_id = Text(CatalogField::kPlaylistId);
  t.playlist_name = Text(CatalogField::kPlaylistName);
  if (!ReadNumbers(t) || !ReadFeatures(t)) return outcome_;
  if (t.name.empty()) {
    outcome_.skip_reason = kSkipMissingName;
    return outcome_;
  }
  for (const Repair& r : kRepairs) {
    if (t.spotify_id == r.id && t.name == r.damaged) t.name = r.original;
  }
  ReadGenres(t);
  outcome_.track = std::move(t);
  return outcome_;
}

}  // namespace

CatalogRowOutcome MapCatalogRow(const CatalogColumns& columns, const CsvRecord& record) {
  return RowMapper(columns, record).Map();
}

}  // namespace echotune::ingest
