#include "ingest/demo_loader.h"

#include <map>

#include "ingest/catalog_importer.h"
#include "ingest/device_type.h"
#include "ingest/export_importer.h"

namespace echotune::ingest {
namespace {

constexpr const char* kDemoPrefix = "demo-";

std::vector<std::filesystem::path> CatalogPaths(const std::filesystem::path& data) {
  std::vector<std::filesystem::path> paths;
  for (int part = 1; part <= 3; ++part) {
    paths.push_back(data / "spotify-songs-2020" / ("spotify_songs.part" + std::to_string(part) + ".csv"));
  }
  for (const char* decade : {"60s", "70s", "80s", "90s", "00s", "10s"}) {
    paths.push_back(data / "spotify-hit-predictor" / ("dataset-of-" + std::string(decade) + ".csv"));
  }
  return paths;
}

uint64_t Mix(std::string_view a, std::string_view b) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (std::string_view s : {a, std::string_view("\x1f"), b}) {
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  }
  return h;
}

// Row i of n lands in slot i of the 90 days, at a minute chosen by a hash of the
// playlist and track, so the history looks lived-in yet is the same every run.
model::Listen DemoListen(const CatalogTrack& row, size_t i, size_t n, const core::ObjectId& user,
                         core::TimePoint anchor) {
  using std::chrono::minutes;
  const int64_t span = int64_t{kDemoHistoryDays} * 24 * 60;  // minutes
  const int64_t slot = span / static_cast<int64_t>(std::max<size_t>(n, 1));
  uint64_t h = Mix(row.playlist_id, row.spotify_id);
  model::Listen l;
  l.user_id = user;
  l.track_id = row.spotify_id;
  l.track_name = row.name;
  l.artist_name = row.artists.empty() ? "Unknown artist" : row.artists.front();
  l.album_name = row.album_name;
  l.played_at = anchor - minutes(span) + minutes(static_cast<int64_t>(i) * slot + static_cast<int64_t>(h % std::max<int64_t>(slot, 1)));
  l.duration_ms = row.duration_ms.value_or(0);
  if (row.popularity) l.popularity = *row.popularity;
  constexpr model::DeviceType kDevices[] = {model::DeviceType::kSmartphone, model::DeviceType::kComputer,
                                            model::DeviceType::kSpeaker};
  l.context.device_type = kDevices[(h >> 32) % 3];
  l.context.context_type = model::ContextType::kPlaylist;
  l.context.context_uri = "spotify:playlist:" + row.playlist_id;
  return l;
}

}  // namespace

bool DemoResult::NothingAdded() const {
  return catalog.imported + catalog.updated + listeners.imported + exports.imported + exports.updated +
             users_created == 0;
}

DemoLoader::DemoLoader(store::Store& store, ProgressReporter& progress) : store_(store), progress_(progress) {}

core::Result<DemoResult> DemoLoader::Load(const std::filesystem::path& data, size_t batch_size) {
  DemoResult result;
  CatalogImporter catalog(store_.tracks(), progress_);
  auto imported = catalog.Import(CatalogPaths(data), CatalogImportOptions{true, 2000});
  if (!imported.ok()) return std::move(imported).error();
  result.catalog = imported->summary;
  if (!result.catalog.errors.empty()) {
    return core::Error::Validation("data", "demo data is broken: " + result.catalog.errors.front());
  }
  std::vector<CatalogFile> songs(imported->files.begin(), imported->files.begin() + 3);
  if (auto s = LoadListeners(songs, batch_size, result); !s.ok()) return std::move(s).error();
  auto samples = data / "spotify-export-samples";
  if (auto s = LoadExport(samples / "basic_2020_cosmoduende", "demo-cosmoduende",
                          "cosmoduende (Spotify export, 2020)", result); !s.ok()) {
    return std::move(s).error();
  }
  if (auto s = LoadExport(samples / "extended_2022_2026_efrrowini", "demo-efrrowini",
                          "Efrrowini (Spotify extended export, 2022-2026)", result); !s.ok()) {
    return std::move(s).error();
  }
  return result;
}

core::Result<model::User> DemoLoader::EnsureUser(const std::string& spotify_id, const std::string& name,
                                                 DemoResult& result) {
  auto found = store_.users().GetBySpotifyId(spotify_id);
  if (found.ok() || found.error().code != core::ErrorCode::kNotFound) return found;
  model::User user;
  user.spotify_id = spotify_id;
  user.display_name = name;
  ++result.users_created;
  return store_.users().UpsertBySpotifyId(user);
}

// One listener per playlist; all their plays go in as batches of one transaction each.
core::Status DemoLoader::LoadListeners(const std::vector<CatalogFile>& songs, size_t batch_size, DemoResult& result) {
  std::map<std::string, std::vector<const CatalogTrack*>> playlists;
  for (const auto& file : songs) {
    for (const auto& row : file.tracks) {
      if (!row.playlist_id.empty()) playlists[row.playlist_id].push_back(&row);
    }
  }
  result.playlist_listeners = playlists.size();
  progress_.BeginFile("demo listeners", static_cast<int64_t>(playlists.size()));
  std::vector<model::Listen> batch;
  int64_t done = 0;
  auto flush = [&]() -> core::Status {
    if (batch.empty()) return core::Ok();
    auto written = store_.listens().InsertBatch(std::move(batch));
    batch.clear();
    if (!written.ok()) return std::move(written).error();
    result.listeners.imported += written->inserted;
    if (written->duplicates) result.listeners.skipped[kSkipAlreadyImported] += written->duplicates;
    return core::Ok();
  };
  for (const auto& [playlist_id, rows] : playlists) {
    auto user = EnsureUser(kDemoPrefix + std::string("playlist-") + playlist_id,
                           rows.front()->playlist_name + " listener", result);
    if (!user.ok()) return std::move(user).error();
    auto anchor = std::chrono::floor<std::chrono::hours>(user->created_at);
    for (size_t i = 0; i < rows.size(); ++i) batch.push_back(DemoListen(*rows[i], i, rows.size(), user->id, anchor));
    result.listeners.rows += static_cast<int64_t>(rows.size());
    if (batch.size() >= batch_size) {
      if (auto s = flush(); !s.ok()) return s;
    }
    progress_.Update(++done);
  }
  if (auto s = flush(); !s.ok()) return s;
  progress_.EndFile(result.listeners.OneLine());
  return core::Ok();
}

core::Status DemoLoader::LoadExport(const std::filesystem::path& folder, const std::string& spotify_id,
                                    const std::string& name, DemoResult& result) {
  auto files = CollectExportFiles({folder});
  if (!files.ok()) return std::move(files).error();
  auto user = EnsureUser(spotify_id, name, result);
  if (!user.ok()) return std::move(user).error();
  ExportImporter importer(store_, progress_);
  auto summary = importer.Import(*files, ExportImportOptions{spotify_id, name, 5000});
  if (!summary.ok()) return std::move(summary).error();
  if (!summary->errors.empty()) return core::Error::Validation("data", "demo data is broken: " + summary->errors.front());
  result.exports.Add(*summary);
  result.export_users.push_back({spotify_id, name, user->id, summary->rows});
  return core::Ok();
}

}  // namespace echotune::ingest
