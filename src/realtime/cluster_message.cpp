#include "realtime/cluster_message.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "core/json_write.h"

namespace echotune::realtime {

namespace json = boost::json;

std::string EventChannel(std::string_view event) {
  std::string channel(kEventChannelPrefix);
  channel += event;
  return channel;
}

std::string EncodeClusterEvent(const ClusterEvent& e) {
  json::object o{{"origin", e.origin},
                 {"to", e.user_id ? json::value(*e.user_id) : json::value(kEveryone)},
                 {"data", e.data}};
  return core::JsonWrite(o);
}

core::Result<ClusterEvent> DecodeClusterEvent(std::string_view channel, std::string_view payload) {
  if (!channel.starts_with(kEventChannelPrefix) || channel.size() == kEventChannelPrefix.size()) {
    return core::Error::Validation("channel", "not an event channel");
  }
  boost::system::error_code ec;
  json::value v = json::parse(payload, ec);
  if (ec || !v.is_object()) return core::Error::Validation("payload", "not a JSON object");
  const json::object& o = v.as_object();
  const json::value* origin = o.if_contains("origin");
  const json::value* to = o.if_contains("to");
  const json::value* data = o.if_contains("data");
  if (!origin || !origin->is_string()) return core::Error::Validation("origin", "origin must be a string");
  if (!to || !to->is_string() || to->as_string().empty()) return core::Error::Validation("to", "to must be a string");
  if (!data) return core::Error::Validation("data", "data is required");
  ClusterEvent e;
  e.origin = std::string(origin->as_string());
  e.event = std::string(channel.substr(kEventChannelPrefix.size()));
  if (to->as_string() != kEveryone) e.user_id = std::string(to->as_string());
  e.data = *data;
  return e;
}

}  // namespace echotune::realtime
