#include "cache/cache_keys.h"

#include <openssl/sha.h>

#include <algorithm>
#include <array>

namespace echotune::cache {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Trimmed, lowercased, each run of whitespace replaced by one space.
std::string CollapseLower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool in_space = false;
  for (char c : Trim(s)) {
    if (IsSpace(c)) {
      in_space = true;
      continue;
    }
    if (in_space) out.push_back(' ');
    in_space = false;
    out.push_back(Lower(c));
  }
  return out;
}

std::string HexPrefix(const unsigned char* bytes, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0xf]);
  }
  return out;
}

std::string Join(std::string_view a, std::string_view b) {
  std::string out;
  out.reserve(a.size() + b.size());
  out.append(a).append(b);
  return out;
}

}  // namespace

std::string RecsKey(std::string_view user_id, std::string_view strategy, int limit) {
  return RecsPrefix(user_id).append(strategy).append(":").append(std::to_string(limit));
}
std::string RecsPrefix(std::string_view user_id) { return Join("recs:", user_id) + ":"; }
std::string FeaturesKey(std::string_view track_id) { return Join("features:", track_id); }
std::string OauthStateKey(std::string_view state) { return Join("oauth:state:", state); }
std::string SessionKey(std::string_view session_id) { return Join("session:", session_id); }
std::string UserPrefsKey(std::string_view user_id) { return Join("user:", user_id) + ":prefs"; }
std::string SpotifyHealthKey() { return "health:spotify"; }
std::string ProviderHealthKey(std::string_view name) { return Join("provider:health:", name); }

std::string NormaliseSearch(std::string_view query, const QueryParams& params) {
  QueryParams sorted;
  sorted.reserve(params.size());
  for (const auto& [name, value] : params) {
    sorted.emplace_back(CollapseLower(name), std::string(Trim(value)));
  }
  std::sort(sorted.begin(), sorted.end());
  std::string out = "q=" + CollapseLower(query);
  for (const auto& [name, value] : sorted) out.append("&").append(name).append("=").append(value);
  return out;
}

std::string SearchKey(std::string_view query, const QueryParams& params) {
  const std::string canonical = NormaliseSearch(query, params);
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size(),
         digest.data());
  return "search:" + HexPrefix(digest.data(), 16);
}

KeyPattern PatternOf(std::string_view key) {
  if (key.starts_with("recs:")) return KeyPattern::kRecs;
  if (key.starts_with("features:")) return KeyPattern::kFeatures;
  if (key.starts_with("oauth:state:")) return KeyPattern::kOauthState;
  if (key.starts_with("session:")) return KeyPattern::kSession;
  if (key.starts_with("search:")) return KeyPattern::kSearch;
  if (key.starts_with("user:") && key.ends_with(":prefs")) return KeyPattern::kUserPrefs;
  if (key == "health:spotify") return KeyPattern::kSpotifyHealth;
  if (key.starts_with("provider:health:")) return KeyPattern::kProviderHealth;
  return KeyPattern::kOther;
}

std::string_view PatternName(KeyPattern pattern) {
  switch (pattern) {
    case KeyPattern::kRecs: return "recs";
    case KeyPattern::kFeatures: return "features";
    case KeyPattern::kOauthState: return "oauth_state";
    case KeyPattern::kSession: return "session";
    case KeyPattern::kSearch: return "search";
    case KeyPattern::kUserPrefs: return "user_prefs";
    case KeyPattern::kSpotifyHealth: return "health_spotify";
    case KeyPattern::kProviderHealth: return "provider_health";
    case KeyPattern::kOther: return "other";
  }
  return "other";
}

Seconds TtlOf(KeyPattern pattern) {
  switch (pattern) {
    case KeyPattern::kRecs: return kRecsTtl;
    case KeyPattern::kFeatures: return kFeaturesTtl;
    case KeyPattern::kOauthState: return kOauthStateTtl;
    case KeyPattern::kSession: return kSessionTtl;
    case KeyPattern::kSearch: return kSearchTtl;
    case KeyPattern::kUserPrefs: return kUserPrefsTtl;
    case KeyPattern::kSpotifyHealth: return kSpotifyHealthTtl;
    case KeyPattern::kProviderHealth: return kProviderHealthTtl;
    case KeyPattern::kOther: return kDefaultTtl;
  }
  return kDefaultTtl;
}

}  // namespace echotune::cache
