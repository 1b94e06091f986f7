// ChatSessionsRepository on MongoDB (echotune_chat_sessions). AppendMessage is
// one findAndModify ($push + $inc messageCount + $set lastActivity), atomic on
// every deployment. TTL index on createdAt (30 days); reads also filter
// createdAt > now - 30 days by the injected clock. Thread-safe.
#pragma once

#include "store/chat_sessions_repository.h"
#include "store/mongo/mongo_context.h"

namespace echotune::store::mongo {

class MongoChatSessionsRepository final : public ChatSessionsRepository {
 public:
  // REQUIRES: `ctx` outlives this object.
  explicit MongoChatSessionsRepository(const MongoContext& ctx) : ctx_(ctx) {}

  core::Result<model::ChatSession> Create(model::ChatSession session) override;
  using ChatSessionsRepository::AppendMessage;
  core::Result<model::ChatSession> AppendMessage(std::string_view session_id, model::ChatMessage message,
                                                 const std::optional<AnsweredBy>& answered_by) override;
  core::Result<model::ChatSession> Get(std::string_view session_id) override;
  core::Result<std::vector<model::ChatSession>> ListRecent(const core::ObjectId& user_id, int64_t limit) override;
  core::Status Delete(const core::ObjectId& user_id, std::string_view session_id) override;

 private:
  // {createdAt: {$gt: now - 30 days}}
  Bson Live() const;

  const MongoContext& ctx_;
};

}  // namespace echotune::store::mongo
