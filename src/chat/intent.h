// ClassifyIntent: what a chat message asks for (issue 12). Pure logic.
//  kControl   — a player command of ParseCommand (play, pause, skip, volume,
//               shuffle, repeat, queue, devices, now playing);
//  kRecommend — "recommend something like Radiohead but happier";
//  kPlaylist  — "make a 20-song workout playlist" (a make/create/build/
//               generate verb and the word playlist, anywhere);
//  kQuestion  — about the user's own listening ("what have I been
//               listening to", "my top artists");
//  kChat      — anything else: general music talk.
#pragma once

#include <string>
#include <string_view>

#include "chat/command_parser.h"

namespace echotune::chat {

enum class Intent { kControl, kRecommend, kPlaylist, kQuestion, kChat };

struct ClassifiedMessage {
  Intent intent = Intent::kChat;
  Command command;     // kControl: the command; kRecommend: its query
  std::string prompt;  // kPlaylist: the playlist prompt (the whole message)
};

ClassifiedMessage ClassifyIntent(std::string_view text);
// "control", "recommend", "playlist", "question", "chat".
std::string_view IntentName(Intent intent);

}  // namespace echotune::chat
