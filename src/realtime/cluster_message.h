// The Redis pub/sub messages of the cluster event bridge (SYSTEM.md §8 "across
// several service instances, events travel through Redis pub/sub";
// docs/deployment.md). One channel per event family,
// "echotune:events:{event}"; the payload is JSON
//   {"origin": "<instance id>", "to": "<userId>" | "all", "data": <event data>}
// `origin` lets an instance skip its own messages: it has already delivered
// them to its sockets when they were published (see ClusterBridge).
// Pure functions; thread-safe.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace echotune::realtime {

inline constexpr std::string_view kEventChannelPrefix = "echotune:events:";
// The PSUBSCRIBE pattern that covers every event family.
inline constexpr std::string_view kEventChannelPattern = "echotune:events:*";
// The "to" of an event for every connected socket.
inline constexpr std::string_view kEveryone = "all";

struct ClusterEvent {
  std::string origin;   // instance id of the publisher
  std::string event;    // e.g. "now_playing" (from the channel)
  std::optional<std::string> user_id;  // nullopt: every socket ("all")
  boost::json::value data;
};

// "echotune:events:{event}".
std::string EventChannel(std::string_view event);
// The payload of `e` (its event goes in the channel, not the payload).
std::string EncodeClusterEvent(const ClusterEvent& e);
// The event of a message on `channel`. VALIDATION_ERROR for a channel outside
// the prefix, an empty event name, a payload that is not JSON or lacks a
// string origin / string to / data.
core::Result<ClusterEvent> DecodeClusterEvent(std::string_view channel, std::string_view payload);

}  // namespace echotune::realtime
