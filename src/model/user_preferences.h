// UserPreferences: a document of echotune_user_preferences (03-DATA-MODELS.md §6),
// one per user, and PreferencesPatch, the partial update of PATCH /api/user/settings.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/enums.h"

namespace echotune::model {

struct UserPreferences {
  core::ObjectId id;
  core::ObjectId user_id;  // required, unique
  std::optional<LlmProvider> llm_provider;
  std::optional<std::string> llm_model;
  std::vector<std::string> favorite_genres;
  std::vector<std::string> disliked_genres;
  std::optional<double> energy_level;  // 0–1
  bool explicit_content = true;
  std::optional<PreferredStrategy> recommendation_strategy;
  std::optional<double> diversity_weight;  // 0–1
  std::optional<Theme> theme;
  std::optional<std::string> language;  // ISO 639-1
  bool email_notifications = false;
  core::TimePoint created_at{};
  core::TimePoint updated_at{};
};

// Every field optional: present = set it. Unknown keys in the JSON are refused.
struct PreferencesPatch {
  std::optional<LlmProvider> llm_provider;
  std::optional<std::string> llm_model;
  std::optional<std::vector<std::string>> favorite_genres;
  std::optional<std::vector<std::string>> disliked_genres;
  std::optional<double> energy_level;
  std::optional<bool> explicit_content;
  std::optional<PreferredStrategy> recommendation_strategy;
  std::optional<double> diversity_weight;
  std::optional<Theme> theme;
  std::optional<std::string> language;
  std::optional<bool> email_notifications;
};

[[nodiscard]] core::Status Validate(const UserPreferences& prefs);
[[nodiscard]] core::Status Validate(const PreferencesPatch& patch);
// Copies every present field of `patch` into `prefs` (timestamps untouched).
void ApplyPatch(UserPreferences& prefs, const PreferencesPatch& patch);

boost::json::object ToJson(const UserPreferences& prefs);
[[nodiscard]] core::Result<UserPreferences> UserPreferencesFromJson(const boost::json::value& json);
// Parses and validates a PATCH body; VALIDATION_ERROR names an unknown or bad field.
[[nodiscard]] core::Result<PreferencesPatch> PreferencesPatchFromJson(
    const boost::json::value& json);

}  // namespace echotune::model
