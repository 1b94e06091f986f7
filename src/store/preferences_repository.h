// PreferencesRepository: echotune_user_preferences, one document per user.
// Blocking, thread-safe.
#pragma once

#include "core/object_id.h"
#include "core/result.h"
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
};

}  // namespace echotune::store
