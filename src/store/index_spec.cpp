#include "store/index_spec.h"

#include <algorithm>
#include <tuple>

namespace echotune::store {

namespace {

IndexSpec Index(std::vector<IndexKey> keys) {
  IndexSpec spec;
  spec.name = DefaultIndexName(keys);
  spec.keys = std::move(keys);
  return spec;
}

IndexSpec Unique(std::vector<IndexKey> keys, bool sparse) {
  IndexSpec spec = Index(std::move(keys));
  spec.unique = true;
  spec.sparse = sparse;
  return spec;
}

IndexSpec Ttl(std::string field, int64_t seconds) {
  IndexSpec spec = Index({{std::move(field), 1}});
  spec.expire_after_seconds = seconds;
  return spec;
}

// An index on an array field (MongoDB makes it multikey by itself).
IndexSpec Multikey(std::string field) { return Index({{std::move(field), 1}}); }

std::vector<CollectionSpec> BuildSpecs() {
  return {
      {collections::kUsers,
       {Unique({{"spotifyId", 1}}, true), Unique({{"email", 1}}, true), Index({{"createdAt", 1}}),
        Index({{"lastActive", 1}})}},
      {collections::kListeningHistory,
       {Index({{"userId", 1}, {"playedAt", -1}}), Index({{"trackId", 1}}),
        Index({{"artistName", 1}}), Index({{"playedAt", -1}}),
        Index({{"userId", 1}, {"trackId", 1}}),
        Unique({{"userId", 1}, {"trackId", 1}, {"playedAt", 1}}, false)}},
      {collections::kRecommendations,
       {Index({{"userId", 1}, {"createdAt", -1}}), Multikey("tracks.trackId"),
        Ttl("expiresAt", 0)}},
      {collections::kPlaylists,
       {Index({{"userId", 1}, {"createdAt", -1}}), Unique({{"spotifyPlaylistId", 1}}, true),
        Index({{"name", 1, true}, {"description", 1, true}})}},
      {collections::kUserPreferences, {Unique({{"userId", 1}}, false)}},
      {collections::kAnalyticsEvents,
       {Index({{"userId", 1}, {"eventType", 1}, {"timestamp", -1}}),
        Index({{"eventType", 1}, {"timestamp", -1}}), Ttl("createdAt", 7776000)}},
      {collections::kChatSessions,
       {Unique({{"sessionId", 1}}, false), Index({{"userId", 1}, {"lastActivity", -1}}),
        Ttl("createdAt", 2592000)}},
      {collections::kTrackMetadata,
       {Unique({{"spotifyId", 1}}, false), Index({{"audioFeatures.energy", 1}}),
        Index({{"audioFeatures.valence", 1}}), Index({{"audioFeatures.danceability", 1}}),
        Multikey("genres")}},
  };
}

}  // namespace

std::string DefaultIndexName(const std::vector<IndexKey>& keys) {
  std::string name;
  for (const auto& k : keys) {
    if (!name.empty()) name += '_';
    name += k.field + "_" + (k.text ? std::string("text") : std::to_string(k.direction));
  }
  return name;
}

const std::vector<CollectionSpec>& CollectionSpecs() {
  static const std::vector<CollectionSpec> specs = BuildSpecs();
  return specs;
}

const CollectionSpec* FindCollection(std::string_view name) {
  for (const auto& c : CollectionSpecs()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::vector<ReportedIndex> ExpectedIndexes() {
  std::vector<ReportedIndex> out;
  for (const auto& c : CollectionSpecs()) {
    for (const auto& i : c.indexes) out.push_back({c.name, i});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.collection, a.spec.name) < std::tie(b.collection, b.spec.name);
  });
  return out;
}

}  // namespace echotune::store
