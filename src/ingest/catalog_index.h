// CatalogIndex: the catalogue in memory, for resolving plays to tracks by id or by
// (artist, track name), and for their duration, album and popularity.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "model/track_metadata.h"
#include "store/track_metadata_repository.h"

namespace echotune::ingest {

struct CatalogEntry {
  std::string spotify_id;
  std::string name;
  std::string artist;  // first artist
  std::string album;
  std::optional<int64_t> duration_ms;
  std::optional<int64_t> popularity;
};

class CatalogIndex {
 public:
  // Every track of the repository (one Scan). Store errors pass through.
  static core::Result<CatalogIndex> Load(store::TrackMetadataRepository& tracks);

  void Add(const model::TrackMetadata& track);
  // nullptr when unknown. Pointers stay valid until the next Add.
  const CatalogEntry* ById(std::string_view spotify_id) const;
  // Matches any of the track's artists with the name, ignoring case and spacing.
  // When several tracks match, the most popular wins.
  const CatalogEntry* ByNames(std::string_view artist, std::string_view track) const;
  size_t size() const { return entries_.size(); }

 private:
  std::vector<CatalogEntry> entries_;
  std::unordered_map<std::string, size_t> by_id_;
  std::unordered_map<std::string, size_t> by_names_;
};

}  // namespace echotune::ingest
