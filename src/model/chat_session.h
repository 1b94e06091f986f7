// ChatSession: a document of echotune_chat_sessions (03-DATA-MODELS.md §8).
// TTL: deleted 30 days after createdAt.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/enums.h"

namespace echotune::model {

inline constexpr std::chrono::seconds kChatSessionTtl{2592000};  // 30 days

struct ChatMessageMetadata {
  std::optional<int64_t> tokens_used;
  std::optional<double> response_time;  // ms
  std::optional<std::string> intent;
  std::optional<std::string> spotify_action;  // "spotifyAction"
};

struct ChatMessage {
  Role role = Role::kUser;  // required
  std::string content;
  core::TimePoint timestamp{};  // set to now by the store when zero
  ChatMessageMetadata metadata;
};

struct ChatContext {
  boost::json::object spotify_data;
  boost::json::object user_preferences;
};

struct ChatSession {
  core::ObjectId id;
  std::string session_id;  // required, unique; the store generates a UUID when empty
  core::ObjectId user_id;  // required
  std::optional<std::string> provider;
  std::optional<std::string> model;
  std::vector<ChatMessage> messages;
  ChatContext context;
  int64_t message_count = 0;  // denormalised
  core::TimePoint start_time{};
  core::TimePoint last_activity{};
  core::TimePoint created_at{};  // TTL field
};

[[nodiscard]] core::Status Validate(const ChatSession& session);
[[nodiscard]] core::Status Validate(const ChatMessage& message, std::string_view prefix = "");

boost::json::object ToJson(const ChatSession& session);
boost::json::object ToJson(const ChatMessage& message);
[[nodiscard]] core::Result<ChatSession> ChatSessionFromJson(const boost::json::value& json);
[[nodiscard]] core::Result<ChatMessage> ChatMessageFromJson(const boost::json::value& json);

}  // namespace echotune::model
