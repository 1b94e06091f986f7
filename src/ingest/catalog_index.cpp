#include "ingest/catalog_index.h"

#include "ingest/track_id.h"

namespace echotune::ingest {

core::Result<CatalogIndex> CatalogIndex::Load(store::TrackMetadataRepository& tracks) {
  CatalogIndex index;
  auto status = tracks.Scan([&index](const model::TrackMetadata& t) {
    index.Add(t);
    return true;
  });
  if (!status.ok()) return std::move(status).error();
  return index;
}

void CatalogIndex::Add(const model::TrackMetadata& t) {
  if (by_id_.count(t.spotify_id)) return;
  CatalogEntry e{t.spotify_id, t.name, t.artists.empty() ? "" : t.artists.front().name,
                 t.album && t.album->name ? *t.album->name : "", t.duration_ms, t.popularity};
  size_t slot = entries_.size();
  entries_.push_back(std::move(e));
  by_id_.emplace(t.spotify_id, slot);
  for (const auto& artist : t.artists) {
    auto [it, inserted] = by_names_.emplace(NameKey(artist.name, t.name), slot);
    if (!inserted && entries_[it->second].popularity.value_or(-1) < t.popularity.value_or(-1)) it->second = slot;
  }
}

const CatalogEntry* CatalogIndex::ById(std::string_view spotify_id) const {
  auto it = by_id_.find(std::string(spotify_id));
  return it == by_id_.end() ? nullptr : &entries_[it->second];
}

const CatalogEntry* CatalogIndex::ByNames(std::string_view artist, std::string_view track) const {
  auto it = by_names_.find(NameKey(artist, track));
  return it == by_names_.end() ? nullptr : &entries_[it->second];
}

}  // namespace echotune::ingest
