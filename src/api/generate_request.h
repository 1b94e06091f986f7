// The body of POST /api/playlists/generate: a prompt (a sentence, or the radio
// language of radio_prompt.h), a track count and visibility. Pure; no I/O.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "api/radio_prompt.h"
#include "core/result.h"

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

}  // namespace echotune::api
