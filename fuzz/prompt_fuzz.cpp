// A playlist prompt (POST /api/playlists/generate): the radio language
// (api::IsRadioPrompt, api::ParseRadioPrompt) and the rule-based sentence
// parser (api::ParsePrompt) with the name and description built from it.
#include "api/prompt_parser.h"
#include "api/radio_prompt.h"
#include "fuzz/fuzz_util.h"

using namespace echotune;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  if (api::IsRadioPrompt(text)) {
    auto radio = api::ParseRadioPrompt(text);
    if (radio.ok()) {
      for (const auto& s : radio->sources) {
        if (s.weight < 1 || s.weight > 10) __builtin_trap();  // the documented range
      }
      if (radio->energy) (void)api::LevelPercent(*radio->energy);
    }
  }
  api::ParsedPrompt parsed = api::ParsePrompt(text);
  if (parsed.track_count && (*parsed.track_count < 1 || *parsed.track_count > 100)) __builtin_trap();
  (void)api::PlaylistName(parsed);
  (void)api::PlaylistDescription(parsed, text);
  return 0;
}
