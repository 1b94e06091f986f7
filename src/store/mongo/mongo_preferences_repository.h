// PreferencesRepository on MongoDB (echotune_user_preferences), one document
// per user (unique index on userId). Upsert is compare-and-set on the loaded
// document (or insert-if-absent guarded by the unique index), retried.
// Thread-safe.
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

 private:
  core::Result<model::UserPreferences> TryUpsert(const core::ObjectId& user_id,
                                                 const model::PreferencesPatch& patch, bool* lost_race);

  const MongoContext& ctx_;
};

}  // namespace echotune::store::mongo
