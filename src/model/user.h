// User: a document of echotune_users (03-DATA-MODELS.md §2).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/enums.h"

namespace echotune::model {

struct AudioFeaturePreferences {
  std::optional<double> energy, valence, danceability, acousticness;  // 0–1
};

// users.preferences, denormalised from user_preferences.
struct UserPreferenceSummary {
  std::vector<std::string> favorite_genres;
  std::vector<std::string> preferred_artists;  // Spotify artist ids
  AudioFeaturePreferences audio_features_preferences;
};

struct ListeningStats {
  std::optional<double> total_listening_time;  // ms
  std::optional<std::string> most_played_artist;
  std::optional<std::string> most_played_genre;
  std::optional<double> average_session_length;  // ms
};

struct User {
  core::ObjectId id;
  std::string spotify_id;  // required, unique
  std::optional<std::string> email;  // unique when present
  std::string display_name;  // required
  std::optional<std::string> profile_image_url;
  std::optional<std::string> country;  // ISO 3166-1 alpha-2
  bool premium = false;
  int64_t followers = 0;
  // OAuth tokens: plaintext in memory, encrypted at rest by the store, never in API JSON.
  std::optional<std::string> access_token;
  std::optional<std::string> refresh_token;
  std::optional<core::TimePoint> token_expires_at;
  std::optional<std::string> jwt_secret;  // never in API JSON
  Tier tier = Tier::kFree;
  bool is_active = true;
  UserPreferenceSummary preferences;
  ListeningStats listening_stats;
  core::TimePoint created_at{};
  core::TimePoint updated_at{};
  std::optional<core::TimePoint> last_active;
};

// OK, or VALIDATION_ERROR naming the first bad field.
[[nodiscard]] core::Status Validate(const User& user);

struct UserJsonOptions {
  // Storage only: include accessToken, refreshToken and jwtSecret. Never for the API.
  bool include_secrets = false;
};

// API JSON: "_id" as 24 hex, dates ISO-8601; no tokens or secrets unless asked.
boost::json::object ToJson(const User& user, UserJsonOptions options = {});
// Parses (without the range checks of Validate); VALIDATION_ERROR on wrong types.
[[nodiscard]] core::Result<User> UserFromJson(const boost::json::value& json);

}  // namespace echotune::model
