#include "api/settings_update.h"

namespace echotune::api {

std::optional<store::PreferenceSummaryUpdate> SummaryUpdateOf(const model::PreferencesPatch& patch) {
  if (!patch.favorite_genres && !patch.energy_level) return std::nullopt;
  return store::PreferenceSummaryUpdate{.favorite_genres = patch.favorite_genres,
                                        .energy = patch.energy_level};
}

core::Result<model::UserPreferences> UpdateSettings(store::Store& store, const core::ObjectId& user_id,
                                                    const model::PreferencesPatch& patch) {
  auto prefs = store.preferences().Upsert(user_id, patch);
  if (!prefs.ok()) return prefs;
  if (auto summary = SummaryUpdateOf(patch)) {
    if (auto s = store.users().UpdatePreferenceSummary(user_id, *summary); !s.ok()) {
      return std::move(s).error();
    }
  }
  return prefs;
}

}  // namespace echotune::api
