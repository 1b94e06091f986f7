// Playlist generation from a prompt (POST /api/playlists/generate): parse the
// sentence (prompt_parser), pick tracks with the engine (mood_based when the
// prompt names a mood or activity, hybrid otherwise; target features from the
// prompt; tracks in the named genres first), name and describe it from the
// prompt, store it (playlist_type "generated", generation_parameters) and
// record playlist.created. A prompt in the radio language (radio_prompt.h,
// docs/prompts.md) is parsed by ParseGenerateRequest and its tracks come from
// PickRadioTracks instead. BLOCKING: run on the worker pool.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "api/generate_request.h"
#include "api/recs_service.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/playlist.h"

namespace echotune::api {

core::Result<model::Playlist> GeneratePlaylist(RecsService& recs, store::Store& store,
                                               const core::ObjectId& user, const GenerateRequest& in);

}  // namespace echotune::api
