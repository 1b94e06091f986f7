// ParseCommand: free text → the Spotify command it asks for (SYSTEM.md §5:
// play <query | genre | mood/activity>, pause, resume, skip/next,
// previous/back, volume N / up / down, shuffle on/off, repeat
// track/context/off, queue <query>, device list / switch, "recommend …",
// "make a playlist …"). Pure logic shared by POST /api/spotify/command and
// the chat (which calls it before the LLM): no I/O, no Beast, no SQLite.
//
// Case, punctuation and politeness ("please", "can you", "hey echotune", …)
// are ignored. Text that is no command gives kind kNone (the chat then talks).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace echotune::chat {

enum class CommandKind {
  kNone,
  kPlay,          // query (or uri); mood set when the query is a mood/activity
  kResume,
  kPause,
  kNext,
  kPrevious,
  kVolume,        // volume + volume_change
  kShuffle,       // state
  kRepeat,        // repeat
  kQueue,         // query (or uri)
  kDevices,       // list them
  kTransfer,      // query = the device name
  kNowPlaying,
  kRecommend,     // query = what to recommend (may be empty)
  kMakePlaylist,  // query = the playlist prompt
};

enum class VolumeChange { kSet, kUp, kDown };

struct Command {
  CommandKind kind = CommandKind::kNone;
  std::string query;               // lower-case search text, device name or prompt
  std::optional<std::string> uri;  // a spotify:…:… URI given verbatim (play/queue)
  std::optional<std::string> mood;  // "calm", "workout", … when the play query is one
  int volume = 0;                  // kSet: 0–100; kUp/kDown: the step (10)
  VolumeChange volume_change = VolumeChange::kSet;
  bool state = false;              // shuffle on/off
  std::string repeat;              // "track" | "context" | "off"

  bool operator==(const Command&) const = default;
};

Command ParseCommand(std::string_view text);

// "play", "pause", "next", "volume", … ("none" for kNone).
std::string_view ToString(CommandKind kind);

// The mood and activity words a play query is recognised by ("calm",
// "chill", "workout", …); true when `word` is one.
bool IsMoodWord(std::string_view word);

}  // namespace echotune::chat
