// Socket.IO protocol v5 packets (https://socket.io/docs/v4/socket-io-protocol/),
// carried in Engine.IO message packets:
//   <type>[<attachments>-][<namespace>,][<ack id>][<JSON data>]
// e.g. `0{"token":"…"}` (CONNECT to "/"), `2["event",1]`, `212["event"]` (EVENT
// with ack id 12), `3/admin,12[…]` (ACK in /admin). Binary packets (types 5
// and 6, attachments) are refused. Pure; no I/O.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace echotune::realtime {

enum class SioType {
  kConnect = 0,
  kDisconnect = 1,
  kEvent = 2,
  kAck = 3,
  kConnectError = 4,
  kBinaryEvent = 5,
  kBinaryAck = 6,
};

struct SioPacket {
  SioType type = SioType::kEvent;
  std::string nsp = "/";
  std::optional<uint64_t> id;  // ack id
  boost::json::value data;     // null when absent
};

// VALIDATION_ERROR (field "packet") when malformed: unknown or binary type,
// bad namespace or ack id, invalid JSON, or data of the wrong shape for the
// type (EVENT: a non-empty array whose first element is a string; ACK: an
// array; CONNECT: absent or an object).
core::Result<SioPacket> ParseSioPacket(std::string_view text);
std::string EncodeSioPacket(const SioPacket& packet);

// `2["<event>",<data>]` in namespace "/", ready to be wrapped in an Engine.IO message.
std::string EncodeSioEvent(std::string_view event, const boost::json::value& data);

}  // namespace echotune::realtime
