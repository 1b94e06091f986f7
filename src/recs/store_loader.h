// Builds the engine's inputs from the store (the system of record): every
// track of track_metadata, every listen of listening_history (oldest first),
// then each listener's like/dislike/save feedback (store::EffectiveFeedback: the
// durable trackFeedback over their unexpired recommendations). The one place the recs layer touches store interfaces
// (abstract repositories only: no driver headers).
#pragma once

#include "core/result.h"
#include "model/listen.h"
#include "model/track_metadata.h"
#include "recs/rec_engine.h"
#include "store/store.h"

namespace echotune::recs {

// Blocking; run it on a worker thread (it scans two collections). Fails with
// the store's error.
core::Result<EngineInputs> LoadEngineInputs(store::Store& store);

// Field mappings, exposed for tests.
Track ToTrack(const model::TrackMetadata& t);
Interaction ToInteraction(const model::Listen& l);

}  // namespace echotune::recs
