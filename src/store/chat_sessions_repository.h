// ChatSessionsRepository: echotune_chat_sessions. Blocking, thread-safe.
// Sessions older than 30 days (createdAt) are never returned.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/object_id.h"
#include "core/result.h"
#include "model/chat_session.h"

namespace echotune::store {

class ChatSessionsRepository {
 public:
  virtual ~ChatSessionsRepository() = default;

  // New _id; sessionId = a random UUID when empty; createdAt, startTime and
  // lastActivity = now; messageCount = messages.size(). VALIDATION_ERROR;
  // NOT_FOUND for an unknown user; CONFLICT when sessionId exists.
  virtual core::Result<model::ChatSession> Create(model::ChatSession session) = 0;
  // Who wrote an assistant message. The contract's session `provider` and
  // `model` are the ones used for the session: the last that answered, after
  // any fallback.
  struct AnsweredBy {
    std::string provider;
    std::string model;
  };
  // Appends one message atomically (timestamp = now when unset), increments
  // messageCount, sets lastActivity = now and, with `answered_by`, the
  // session's provider and model, all in one write. NOT_FOUND when the session
  // is absent.
  virtual core::Result<model::ChatSession> AppendMessage(std::string_view session_id, model::ChatMessage message,
                                                         const std::optional<AnsweredBy>& answered_by) = 0;
  core::Result<model::ChatSession> AppendMessage(std::string_view session_id, model::ChatMessage message) {
    return AppendMessage(session_id, std::move(message), std::nullopt);
  }
  virtual core::Result<model::ChatSession> Get(std::string_view session_id) = 0;
  // The user's sessions, most recent lastActivity first.
  virtual core::Result<std::vector<model::ChatSession>> ListRecent(const core::ObjectId& user_id,
                                                                   int64_t limit) = 0;
  // Deletes the user's session. NOT_FOUND when it is absent, expired or
  // another user's (nothing is deleted then).
  virtual core::Status Delete(const core::ObjectId& user_id, std::string_view session_id) = 0;
};

}  // namespace echotune::store
