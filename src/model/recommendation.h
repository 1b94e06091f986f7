// Recommendation: a document of echotune_recommendations (03-DATA-MODELS.md §4).
// The store sets createdAt and expiresAt = createdAt + 7 days (TTL).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/enums.h"

namespace echotune::model {

inline constexpr std::chrono::hours kRecommendationTtl{24 * 7};

struct RecommendedTrack {
  std::string track_id;  // required
  std::string name;
  std::string artist;
  std::string album;
  double score = 0.0;  // 0–1
  Strategy strategy = Strategy::kHybrid;
  std::string reason;
};

struct RecommendationParameters {
  std::vector<std::string> seed_tracks, seed_artists, seed_genres;
  std::map<std::string, double> target_features;  // e.g. {energy: 0.8}; 0–1 except tempo/loudness
  std::optional<std::string> context;  // the user's original query
};

struct UserFeedback {
  std::vector<std::string> liked_tracks, disliked_tracks, saved_tracks;  // sets, insertion order
};

struct Recommendation {
  core::ObjectId id;
  core::ObjectId user_id;  // required
  RecommendationType recommendation_type = RecommendationType::kHybrid;  // required
  std::vector<RecommendedTrack> tracks;
  RecommendationParameters parameters;
  std::optional<double> confidence_score;  // 0–1
  UserFeedback user_feedback;
  core::TimePoint created_at{};
  core::TimePoint expires_at{};
};

[[nodiscard]] core::Status Validate(const Recommendation& rec);
// Applies a feedback action as a set operation: like removes a dislike and vice versa.
void ApplyFeedback(UserFeedback& feedback, const std::string& track_id, FeedbackAction action);

boost::json::object ToJson(const Recommendation& rec);
boost::json::object ToJson(const UserFeedback& feedback);
[[nodiscard]] core::Result<Recommendation> RecommendationFromJson(const boost::json::value& json);

}  // namespace echotune::model
