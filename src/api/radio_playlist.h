// Prompt radio (issue 16): the tracks of a parsed RadioPrompt (radio_prompt.h).
//  - sources: artist:(X) seeds the engine with X's catalogue tracks (more seeds
//    for a higher weight) and keeps X's own tracks; tag:(…) asks for those
//    genres (any, or all with '&'); stats:me seeds with the user's top artists
//    of the last 90 days; liked:me with the user's liked tracks;
//  - filters: energy/valence bands, tempo and release-year ranges, applied to
//    the engine's candidates (tracks without the value fail the filter);
//  - mode: easy (familiar: played tracks allowed, popular first), medium
//    (played tracks allowed, engine order), hard (deep cuts: nothing the user
//    played, least popular first).
// BLOCKING (store and engine): run on the worker pool. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "api/radio_prompt.h"
#include "api/recs_service.h"
#include "core/object_id.h"
#include "core/result.h"
#include "recs/rec_engine.h"
#include "store/store.h"

namespace echotune::api {

struct RadioTrack {
  std::string track_id, name, artist;
};

// Up to `count` tracks, best first; fewer when the filters leave fewer. The
// store's error on failure.
core::Result<std::vector<RadioTrack>> PickRadioTracks(RecsService& recs, recs::RecEngine& engine,
                                                      store::Store& store, const core::ObjectId& user,
                                                      const RadioPrompt& prompt, int count);

}  // namespace echotune::api
