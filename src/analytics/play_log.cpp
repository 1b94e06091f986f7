#include "analytics/play_log.h"

#include <algorithm>

#include "core/time_format.h"

namespace echotune::analytics {
namespace {

// GetMany in slices, so one statement never binds tens of thousands of ids.
constexpr size_t kLookupSlice = 500;

core::Status AddCatalogueFacts(store::Store& store, PlayLog& log) {
  std::unordered_map<std::string_view, LoggedTrack*> by_id;
  std::vector<std::string> ids;
  for (auto& t : log.tracks()) {
    by_id.emplace(t.id, &t);
    ids.push_back(t.id);
  }
  for (size_t from = 0; from < ids.size(); from += kLookupSlice) {
    std::vector<std::string> slice(ids.begin() + from, ids.begin() + std::min(ids.size(), from + kLookupSlice));
    auto found = store.tracks().GetMany(slice);
    if (!found.ok()) return std::move(found).error();
    for (auto& meta : *found) {
      auto it = by_id.find(meta.spotify_id);
      if (it == by_id.end()) continue;
      it->second->genres = std::move(meta.genres);
      if (meta.audio_features) {
        it->second->energy = meta.audio_features->energy;
        it->second->valence = meta.audio_features->valence;
      }
    }
  }
  return core::Ok();
}

}  // namespace

uint32_t PlayLog::Intern(Index& index, std::string_view key, size_t next) {
  if (auto it = index.find(key); it != index.end()) return it->second;
  return index.emplace(std::string(key), static_cast<uint32_t>(next)).first->second;
}

void PlayLog::Add(const store::PlayRow& row) {
  uint32_t track = Intern(track_index_, row.track_id, tracks_.size());
  if (track == tracks_.size()) {
    tracks_.push_back({std::string(row.track_id), std::string(row.track_name), std::string(row.artist_name), {}, {}, {}});
  }
  uint32_t artist = Intern(artist_index_, row.artist_name, artists_.size());
  if (artist == artists_.size()) artists_.emplace_back(row.artist_name);
  plays_.push_back({core::ToUnixMillis(row.played_at), row.duration_ms, track, artist, row.skip_count > 0});
}

core::Result<PlayLog> LoadPlayLog(store::Store& store, const core::ObjectId& user_id, core::TimePoint end) {
  if (auto user = store.users().Get(user_id); !user.ok()) return std::move(user).error();
  PlayLog log;
  auto s = store.listens().ScanRange(user_id, core::TimePoint{}, end, [&](const store::PlayRow& row) {
    log.Add(row);
    return true;
  });
  if (!s.ok()) return std::move(s).error();
  if (auto facts = AddCatalogueFacts(store, log); !facts.ok()) return std::move(facts).error();
  return log;
}

}  // namespace echotune::analytics
