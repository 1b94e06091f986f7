// ChatService: one chat turn and the session operations behind /api/chat/*
// (issue 12, SYSTEM.md §5). A turn:
//   load (or start) the user's session and save the user's message at once
//   (so no failure later loses it) → classify the intent → run the action:
//   a player command through chat::ParseCommand + RunCommand, "recommend …"
//   through the engine, "make a … playlist" through the playlist generator
//   → gather the user's profile (top artists/genres, recent listens,
//   recommendations) → build the prompt (last 20 messages, older summarised)
//   → the provider chain (the user's llmProvider/llmModel first) → save the
//   answer with its metadata, record chat.message (and provider.switched).
// Store work runs on the worker pool; provider calls on the async HTTP client;
// nothing blocks an io thread. Thread-safe; every reference outlives it.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "api/api_context.h"
#include "api/chat_turn_input.h"
#include "api/recs_service.h"
#include "chat/intent.h"
#include "llm/provider_chain.h"
#include "model/chat_session.h"

namespace echotune::api {

struct ChatTurnResult {
  std::string session_id;
  model::ChatMessage user_message;
  model::ChatMessage reply;
  std::string provider, model;
  int64_t latency_ms = 0;
  std::string intent;
  boost::json::value action;  // null, or {type, ok, summary, tracks?, playlistId?, result?, error?}
  std::vector<std::string> failed_providers;
};

// Hooks of a streamed turn, called on the turn's io thread or the HTTP
// client's thread (delta): quick, never blocking.
struct ChatStreamHooks {
  std::function<bool(std::string_view delta)> delta;  // false: the client has gone
  std::function<void(const std::string& from, const std::string& to)> switched;
};

class ChatService final {
 public:
  ChatService(ApiContext& ctx, RecsService& recs, llm::ProviderChain& chain);

  boost::asio::awaitable<core::Result<model::ChatSession>> Start(const core::ObjectId& user);
  // REQUIRES: input, hooks and cancel outlive the call. hooks null: not streamed.
  boost::asio::awaitable<core::Result<ChatTurnResult>> Turn(const core::ObjectId& user,
                                                            const ChatTurnInput& input,
                                                            const ChatStreamHooks* hooks,
                                                            std::shared_ptr<std::atomic<bool>> cancel);
  // NOT_FOUND for an unknown, expired or another user's session.
  boost::asio::awaitable<core::Result<model::ChatSession>> History(const core::ObjectId& user,
                                                                   const std::string& session_id);
  boost::asio::awaitable<core::Result<std::vector<model::ChatSession>>> Sessions(const core::ObjectId& user,
                                                                                 int limit);
  boost::asio::awaitable<core::Status> Delete(const core::ObjectId& user, const std::string& session_id);

  llm::ProviderChain& chain() { return chain_; }

 private:
  struct Prepared;
  core::Result<Prepared> Prepare(const core::ObjectId& user, const ChatTurnInput& input,
                                 const std::string& intent);
  // The action of the message (null when it asks for none); fills facts' action part.
  boost::asio::awaitable<boost::json::value> RunAction(const core::ObjectId& user,
                                                       const chat::ClassifiedMessage& classified,
                                                       llm::MusicFacts& facts);
  boost::asio::awaitable<boost::json::value> Control(const core::ObjectId& user, const chat::Command& command,
                                                     llm::MusicFacts& facts);
  boost::asio::awaitable<boost::json::value> Recommend(const core::ObjectId& user, const std::string& query,
                                                       llm::MusicFacts& facts);
  boost::asio::awaitable<boost::json::value> Playlist(const core::ObjectId& user, const std::string& prompt,
                                                      llm::MusicFacts& facts);
  core::Result<model::ChatSession> OwnSession(const core::ObjectId& user, const std::string& session_id);

  ApiContext& ctx_;
  RecsService& recs_;
  llm::ProviderChain& chain_;
};

// {sessionId, messageCount, startTime, lastActivity, title (the first user
// message, ≤ 80 bytes, cut at a character with "…"), lastMessage (≤ 200
// bytes, likewise), provider (of the last answer)}.
boost::json::object ChatSessionSummaryJson(const model::ChatSession& s);
boost::json::object ChatTurnJson(const ChatTurnResult& r);

}  // namespace echotune::api
