// A chat message or POST /api/spotify/command text: chat::ParseCommand (the
// free-text player command parser) and chat::ClassifyIntent, which the chat
// runs on every message before the LLM.
#include "chat/command_parser.h"
#include "chat/intent.h"
#include "fuzz/fuzz_util.h"

using namespace echotune;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  chat::Command c = chat::ParseCommand(text);
  (void)chat::ToString(c.kind);
  if (c.kind == chat::CommandKind::kVolume && c.volume_change == chat::VolumeChange::kSet &&
      (c.volume < 0 || c.volume > 100)) {
    __builtin_trap();  // the header's contract: kSet is 0–100
  }
  chat::ClassifiedMessage m = chat::ClassifyIntent(text);
  (void)chat::IntentName(m.intent);
  return 0;
}
