// PreferencesRepository on MongoDB (echotune_user_preferences), one document
// per user (unique index on userId). Upsert is compare-and-set on the loaded
// document (or insert-if-absent guarded by the unique index), retried.
// AddTrackFeedback is one $addToSet/$pull update of trackFeedback (after making
// sure the document and its trackFeedback exist). Thread-safe.
#pragma once

#include "store/mongo/mongo_context.h"
#include "store/preferences_repository.h"

namespace echotune::store::mongo {

class MongoPreferencesRepository final : public PreferencesRepository {
 public:
  // REQUIRES: `ctx` outlives this object.
  explicit MongoPreferencesRepository(const MongoContext& ctx) : ctx_(ctx) {}

  core::Result<model::UserPreferences> Get(const core::ObjectId& user_id) override;
  core::Result<model::UserPreferences> Upsert(const core::ObjectId& user_id,
                                              const model::PreferencesPatch& patch) override;
  core::Result<model::UserFeedback> AddTrackFeedback(const core::ObjectId& user_id, model::FeedbackAction action,
                                                     const std::vector<std::string>& track_ids) override;

 private:
  // Creates the document (defaults) or its empty trackFeedback when missing.
  core::Status EnsureTrackFeedback(const core::ObjectId& user_id);
  core::Result<model::UserPreferences> TryUpsert(const core::ObjectId& user_id,
                                                 const model::PreferencesPatch& patch, bool* lost_race);

  const MongoContext& ctx_;
};

}  // namespace echotune::store::mongo
