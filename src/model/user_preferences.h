// UserPreferences: a document of echotune_user_preferences (03-DATA-MODELS.md §6),
// one per user, and PreferencesPatch, the partial update of PATCH /api/user/settings.
// `trackFeedback` is an additive field (issue 16, SYSTEM.md §2): the durable copy
// of the user's likes, dislikes and saves; it is not part of a PATCH.
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
#include "model/recommendation.h"

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
  // {liked, disliked, saved} track ids, sets with model::ApplyFeedback semantics.
  // Absent until the first feedback is stored (then all three arrays are written).
  std::optional<UserFeedback> track_feedback;
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
// {liked, disliked, saved}: the wire form of UserPreferences::track_feedback.
boost::json::object TrackFeedbackJson(const UserFeedback& feedback);
[[nodiscard]] core::Result<UserPreferences> UserPreferencesFromJson(const boost::json::value& json);
// Parses and validates a PATCH body; VALIDATION_ERROR names an unknown or bad field.
[[nodiscard]] core::Result<PreferencesPatch> PreferencesPatchFromJson(
    const boost::json::value& json);

}  // namespace echotune::model
