// BuildPrompt: the LLM request of one chat turn (pure; no I/O). The system
// prompt holds the assistant's brief, the user's profile (top artists and
// genres, recent listens, current playback, recommendations), the action
// just taken and, when the session is longer than the window, a summary of
// the older messages. The messages are the last kContextMessages of the
// session (user/assistant only) and then the new user message.
#pragma once

#include <string>
#include <vector>

#include "llm/provider.h"
#include "model/chat_session.h"

namespace echotune::chat {

inline constexpr size_t kContextMessages = 20;

struct PromptInput {
  llm::MusicFacts facts;
  std::vector<model::ChatMessage> history;  // the session so far, oldest first
  std::string message;                      // the new user message
};

llm::LlmRequest BuildPrompt(const PromptInput& in);
// A short, deterministic summary of `older` (what the user asked about, in order).
std::string SummariseMessages(const std::vector<model::ChatMessage>& older);

}  // namespace echotune::chat
