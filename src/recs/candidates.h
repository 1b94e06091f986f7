// RecommendWith: one request against one model snapshot — dispatch to the
// strategy, cold-start fallback, rules, and the candidate shape of §6.1.
#pragma once

#include <vector>

#include "recs/item_model.h"
#include "recs/model_config.h"
#include "recs/types.h"
#include "recs/user_profile.h"

namespace echotune::recs {

// Pure and thread-safe. `profile` may be null (a user without history).
// Never returns a disliked track, a track in request.recently_served, or
// (unless request.include_known) a track the user already played. When the
// chosen strategy has nothing to go on (no history, no seeds, unknown mood),
// falls back to popular tracks in the user's preferred genres.
std::vector<Candidate> RecommendWith(const ItemModel& items, const UserProfile* profile, const RecRequest& request,
                                     const ModelConfig& config);

}  // namespace echotune::recs
