// The body of POST /api/chat/message (a chat turn), read and checked before
// the turn runs. Pure; no I/O.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "core/result.h"

namespace echotune::api {

inline constexpr size_t kMaxChatMessageChars = 4000;

struct ChatTurnInput {
  std::optional<std::string> session_id;  // absent: a new session
  std::string message;                    // 1–4000 characters
  bool stream = false;
  // This turn's first provider (and model), ahead of the user's llmProvider /
  // llmModel preference; skipped like any other when unconfigured or open.
  std::optional<std::string> provider;
  std::optional<std::string> model;
};

// VALIDATION_ERROR naming "message", "sessionId", "stream" or "body".
core::Result<ChatTurnInput> ParseChatTurn(const boost::json::value& body);

}  // namespace echotune::api
