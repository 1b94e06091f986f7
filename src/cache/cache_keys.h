// The contract's eight cache key patterns (03-DATA-MODELS.md §12), their TTLs,
// and the mapping from a key back to its pattern (for metrics labels).
// Pure functions, no I/O; thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace echotune::cache {

using Seconds = std::chrono::seconds;

inline constexpr Seconds kRecsTtl{3600};
inline constexpr Seconds kFeaturesTtl{86400};
inline constexpr Seconds kOauthStateTtl{600};
inline constexpr Seconds kSessionTtl{1800};
inline constexpr Seconds kSearchTtl{300};
inline constexpr Seconds kUserPrefsTtl{3600};
inline constexpr Seconds kSpotifyHealthTtl{60};
inline constexpr Seconds kProviderHealthTtl{30};

// One value per pattern of the key table, plus kOther for keys outside it.
enum class KeyPattern {
  kRecs,
  kFeatures,
  kOauthState,
  kSession,
  kSearch,
  kUserPrefs,
  kSpotifyHealth,
  kProviderHealth,
  kOther,
};
inline constexpr size_t kKeyPatternCount = 9;

// Key builders. REQUIRES: ids contain no ':' (ObjectIds, strategy names and
// provider names never do), so that a prefix delete cannot reach another user.
std::string RecsKey(std::string_view user_id, std::string_view strategy, int limit);
std::string RecsPrefix(std::string_view user_id);  // "recs:{userId}:"
std::string FeaturesKey(std::string_view track_id);
std::string OauthStateKey(std::string_view state);
std::string SessionKey(std::string_view session_id);
std::string UserPrefsKey(std::string_view user_id);
std::string SpotifyHealthKey();
std::string ProviderHealthKey(std::string_view name);

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// "search:{hash}": hash = first 128 bits (32 hex digits) of the SHA-256 of
// NormaliseSearch(query, params). Equal after normalisation => equal key.
std::string SearchKey(std::string_view query, const QueryParams& params = {});

// "q=<query trimmed, ASCII-lowercased, whitespace runs collapsed to one space>"
// followed by "&name=value" for each parameter, names lowercased, values
// trimmed, sorted by name then value.
std::string NormaliseSearch(std::string_view query, const QueryParams& params);

// The pattern a key belongs to (kOther when none), and its label name
// ("recs", "features", "oauth_state", "session", "search", "user_prefs",
// "health_spotify", "provider_health", "other").
KeyPattern PatternOf(std::string_view key);
std::string_view PatternName(KeyPattern pattern);

// The contract TTL of a pattern; kOther has none and gets kDefaultTtl.
inline constexpr Seconds kDefaultTtl{3600};
Seconds TtlOf(KeyPattern pattern);

}  // namespace echotune::cache
