// EventPublisher: how the rest of the service sends a Socket.IO event without
// knowing sockets exist. The local SocketServer implements it; with REDIS_URL
// the cluster bridge does (one Redis channel per event family) and forwards
// to the local server of every instance. Wiring a new event family is one
// call, e.g. for provider_health (chat's circuit breakers):
//   publisher.ToAll("provider_health", breaker_state_json);
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace echotune::realtime {

class EventPublisher {
 public:
  virtual ~EventPublisher() = default;
  // `event` with `data` to every socket of `user_id` (the user's room).
  // Never blocks; thread-safe.
  virtual void ToUser(const std::string& user_id, std::string_view event, const boost::json::value& data) = 0;
  // `event` with `data` to every connected socket. Never blocks; thread-safe.
  virtual void ToAll(std::string_view event, const boost::json::value& data) = 0;
};

}  // namespace echotune::realtime
