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

#include "api/radio_prompt.h"
#include "api/recs_service.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/playlist.h"

namespace echotune::api {

struct GenerateRequest {
  std::string prompt;               // 1–500 characters
  std::optional<int> track_count;   // 1–100; default from the prompt, else 20
  bool is_public = false;
  std::optional<RadioPrompt> radio;  // set when the prompt is in the radio language
};

// VALIDATION_ERROR naming "prompt", "trackCount", "public" or "body"; for a
// radio prompt that does not parse, details {position, expected} too.
core::Result<GenerateRequest> ParseGenerateRequest(const boost::json::value& body);

core::Result<model::Playlist> GeneratePlaylist(RecsService& recs, store::Store& store,
                                               const core::ObjectId& user, const GenerateRequest& in);

}  // namespace echotune::api
