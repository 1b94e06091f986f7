#include "ingest/listen_mapper.h"

#include <algorithm>

#include "ingest/device_type.h"
#include "ingest/track_id.h"

namespace echotune::ingest {
namespace {

const CatalogEntry* Match(const ExportPlay& play, const CatalogIndex& catalog) {
  if (catalog.size() == 0) return nullptr;
  if (play.track_id) return catalog.ById(*play.track_id);
  return catalog.ByNames(play.artist_name, play.track_name);
}

std::string OrElse(const std::string& value, const std::string& fallback, const char* unknown) {
  if (!value.empty()) return value;
  return fallback.empty() ? unknown : fallback;
}

}  // namespace

std::string ResolveTrackId(const std::optional<std::string>& track_id, std::string_view artist,
                           std::string_view name, const CatalogIndex& catalog) {
  if (track_id) return *track_id;
  if (const CatalogEntry* e = catalog.ByNames(artist, name)) return e->spotify_id;
  return LocalTrackId(artist, name);
}

model::Listen ToListen(const ExportPlay& play, const core::ObjectId& user_id, const CatalogIndex& catalog) {
  const CatalogEntry* match = Match(play, catalog);
  static const CatalogEntry kNone;
  const CatalogEntry& known = match ? *match : kNone;
  model::Listen l;
  l.user_id = user_id;
  l.track_id = play.track_id ? *play.track_id : match ? known.spotify_id : LocalTrackId(play.artist_name, play.track_name);
  l.track_name = OrElse(play.track_name, known.name, "Unknown track");
  l.artist_name = OrElse(play.artist_name, known.artist, "Unknown artist");
  l.album_name = play.album_name.empty() ? known.album : play.album_name;
  l.played_at = play.StartedAt();
  l.duration_ms = known.duration_ms.value_or(std::max<long long>(play.ms_played, 0));
  l.popularity = known.popularity;
  l.context.device_type = DeviceTypeOf(play.platform);
  l.skip_count = (play.skipped.value_or(false) || play.ms_played < kSkipThresholdMs) ? 1 : 0;
  return l;
}

}  // namespace echotune::ingest
