// PATCH /api/user/settings without HTTP: the user_preferences document and the
// copy of its shared fields in users.preferences (03-DATA-MODELS.md §2 keeps
// that copy "denormalized from echotune_user_preferences for fast reads").
//
// The shared fields (see docs/api.md, "Settings"):
//   favoriteGenres → users.preferences.favorite_genres
//   energyLevel    → users.preferences.audio_features_preferences.energy
// Nothing else maps: preferred_artists and the other audio feature targets
// have no counterpart in user_preferences and are left alone.
#pragma once

#include <optional>

#include "core/object_id.h"
#include "core/result.h"
#include "model/user_preferences.h"
#include "store/store.h"
#include "store/users_repository.h"

namespace echotune::api {

// The users.preferences update a patch implies; nullopt when the patch touches
// no shared field. Pure.
std::optional<store::PreferenceSummaryUpdate> SummaryUpdateOf(const model::PreferencesPatch& patch);

// Applies `patch` to the user's preferences document, then writes the shared
// fields into users.preferences. Returns the stored preferences document.
// VALIDATION_ERROR (nothing written) and NOT_FOUND as PreferencesRepository::Upsert;
// a failure of the second write is returned too (re-sending the PATCH repairs
// it). Concurrent PATCHes of one field: each document keeps the last write it
// saw, so both converge on the next PATCH of that field. BLOCKING: run it on
// the WorkerPool. Thread-safe.
core::Result<model::UserPreferences> UpdateSettings(store::Store& store, const core::ObjectId& user_id,
                                                    const model::PreferencesPatch& patch);

}  // namespace echotune::api
