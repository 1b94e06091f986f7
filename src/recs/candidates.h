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
//
// Context (ContextFilter): with a mood, targets, seed genres or settings, the
// pool is drawn from the tracks that fit, then ranked by the user's taste;
// when fewer than request.limit fit (or, for hybrid, too few of them are
// personal), the tolerance widens step by step, and the required genres go
// last. A listener whose history holds no catalogue track is ranked as a
// cold start (their history still excludes). The report says what happened.
Recommendations RecommendWith(const ItemModel& items, const UserProfile* profile, const RecRequest& request,
                                     const ModelConfig& config);

}  // namespace echotune::recs
