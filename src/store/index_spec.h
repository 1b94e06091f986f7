// The one table of collections and indexes of the data contract, used by both
// backends (SYSTEM.md §2). Collection names are without prefix ("users"); each
// backend applies its prefix ("echotune_" by default). Index names are MongoDB's
// default names ("userId_1_playedAt_-1", "name_text_description_text").
//
// Contract resolutions (SYSTEM.md §2) are in the table: listening_history
// {artist:1} is {artistName:1}; recommendations {trackId:1} is the multikey
// {"tracks.trackId":1}; audioFeatures.danceability and {eventType:1,timestamp:-1}
// are created. Additions needed by the store: a unique
// {userId:1,trackId:1,playedAt:1} on listening_history (listen dedup).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace echotune::store {

struct IndexKey {
  std::string field;  // dotted path, e.g. "audioFeatures.energy"
  int direction = 1;  // 1 or -1; ignored for text keys
  bool text = false;  // part of a text index
  bool operator==(const IndexKey&) const = default;
};

struct IndexSpec {
  std::string name;  // MongoDB default name
  std::vector<IndexKey> keys;
  bool unique = false;
  bool sparse = false;
  std::optional<int64_t> expire_after_seconds;  // TTL index
  bool operator==(const IndexSpec&) const = default;
};

struct CollectionSpec {
  std::string name;  // without prefix
  std::vector<IndexSpec> indexes;  // the _id index is implicit
};

namespace collections {
inline constexpr const char* kUsers = "users";
inline constexpr const char* kListeningHistory = "listening_history";
inline constexpr const char* kRecommendations = "recommendations";
inline constexpr const char* kPlaylists = "playlists";
inline constexpr const char* kUserPreferences = "user_preferences";
inline constexpr const char* kAnalyticsEvents = "analytics_events";
inline constexpr const char* kChatSessions = "chat_sessions";
inline constexpr const char* kTrackMetadata = "track_metadata";
}  // namespace collections

// The eight collections in contract order. Static storage; thread-safe.
const std::vector<CollectionSpec>& CollectionSpecs();
// The spec of one collection, or nullptr.
const CollectionSpec* FindCollection(std::string_view name);
// MongoDB's default index name for keys: "a_1_b_-1", "name_text_description_text".
std::string DefaultIndexName(const std::vector<IndexKey>& keys);

// An index as a backend reports it, for comparison with the table.
struct ReportedIndex {
  std::string collection;  // without prefix
  IndexSpec spec;
  bool operator==(const ReportedIndex&) const = default;
};
// The table flattened into ReportedIndex rows, sorted by (collection, name).
std::vector<ReportedIndex> ExpectedIndexes();

}  // namespace echotune::store
