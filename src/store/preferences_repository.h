// PreferencesRepository: echotune_user_preferences, one document per user.
// Blocking, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/object_id.h"
#include "core/result.h"
#include "model/recommendation.h"
#include "model/user_preferences.h"

namespace echotune::store {

class PreferencesRepository {
 public:
  virtual ~PreferencesRepository() = default;

  // The stored preferences, or the defaults (zero _id, not stored) when the user
  // has none. NOT_FOUND when the user does not exist.
  virtual core::Result<model::UserPreferences> Get(const core::ObjectId& user_id) = 0;
  // Applies `patch` to the stored (or default) document and stores it, creating it
  // on first use (createdAt), updatedAt = now. VALIDATION_ERROR; NOT_FOUND for an
  // unknown user. Returns the stored document.
  virtual core::Result<model::UserPreferences> Upsert(const core::ObjectId& user_id,
                                                      const model::PreferencesPatch& patch) = 0;
  // Durable explicit feedback (issue 16): applies `action` to each of `track_ids`
  // in the document's trackFeedback with model::ApplyFeedback set semantics (a like
  // removes a dislike of the track and the reverse), creating the document with
  // defaults when absent; updatedAt = now. Atomic: all ids or none.
  // VALIDATION_ERROR (field "trackId") for an empty id; NOT_FOUND for an unknown
  // user. Returns the stored trackFeedback.
  virtual core::Result<model::UserFeedback> AddTrackFeedback(const core::ObjectId& user_id,
                                                             model::FeedbackAction action,
                                                             const std::vector<std::string>& track_ids) = 0;
};

}  // namespace echotune::store
