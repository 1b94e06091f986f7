// RecommendationsRepository: echotune_recommendations. Blocking, thread-safe.
// Expired documents (expiresAt <= now) are never returned.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/recommendation.h"

namespace echotune::store {

class RecommendationsRepository {
 public:
  virtual ~RecommendationsRepository() = default;

  // Stores `rec` with a new _id, createdAt = now, expiresAt = now + 7 days.
  // VALIDATION_ERROR; NOT_FOUND when the user does not exist.
  virtual core::Result<model::Recommendation> Save(model::Recommendation rec) = 0;
  // The newest unexpired recommendation of the user; nullopt when none.
  virtual core::Result<std::optional<model::Recommendation>> Latest(
      const core::ObjectId& user_id) = 0;
  // Unexpired recommendations with createdAt >= since, newest first (the 24 h
  // no-repeat rule).
  virtual core::Result<std::vector<model::Recommendation>> ListSince(
      const core::ObjectId& user_id, core::TimePoint since) = 0;
  // NOT_FOUND when absent, expired or owned by another user.
  virtual core::Result<model::Recommendation> Get(const core::ObjectId& user_id,
                                                  const core::ObjectId& id) = 0;
  // Records like/dislike/save of track_id into user_feedback (set semantics, see
  // model::ApplyFeedback) of recommendation `id`, or when nullopt, of the user's
  // newest recommendation containing the track, else the newest one.
  // NOT_FOUND when there is no such recommendation. Returns the updated feedback.
  virtual core::Result<model::UserFeedback> RecordFeedback(
      const core::ObjectId& user_id, const std::optional<core::ObjectId>& id,
      const std::string& track_id, model::FeedbackAction action) = 0;
  // Union of the feedback over the user's unexpired recommendations.
  virtual core::Result<model::UserFeedback> FeedbackForUser(const core::ObjectId& user_id) = 0;
};

}  // namespace echotune::store
