// A user's explicit feedback (likes, dislikes, saves) as the engine and the API
// use it: the durable trackFeedback of the preferences document (issue 16) over
// the 7-day copies in the user's unexpired recommendations.
#pragma once

#include "core/object_id.h"
#include "core/result.h"
#include "model/recommendation.h"
#include "store/store.h"

namespace echotune::store {

// The union of the recommendations' user_feedback (oldest first), then the
// durable trackFeedback applied on top (it holds the newest state of every
// track), both with model::ApplyFeedback set semantics: a track is never both
// liked and disliked. BLOCKING (two store reads); thread-safe. NOT_FOUND for an
// unknown user, else the store's error.
core::Result<model::UserFeedback> EffectiveFeedback(Store& store, const core::ObjectId& user_id);

}  // namespace echotune::store
