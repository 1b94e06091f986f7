// Engine.IO protocol v4 packets (https://socket.io/docs/v4/engine-io-protocol/):
// one packet is a type digit followed by its data ("4hello", "2", "3probe");
// an HTTP long-polling payload is packets joined by the record separator
// 0x1e. Binary packets ("b" + base64 over polling, binary WebSocket frames)
// are not accepted by EchoTune: parsing refuses them. Pure; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace echotune::realtime {

enum class EioType { kOpen = 0, kClose = 1, kPing = 2, kPong = 3, kMessage = 4, kUpgrade = 5, kNoop = 6 };

struct EioPacket {
  EioType type = EioType::kNoop;
  std::string data;
};

inline constexpr char kRecordSeparator = '\x1e';
// The handshake's maxPayload: the largest polling body / WebSocket message accepted.
inline constexpr size_t kMaxPayload = 1'000'000;

// One packet from its text form. VALIDATION_ERROR (field "packet") when empty,
// of an unknown type, or binary ("b…").
core::Result<EioPacket> ParseEioPacket(std::string_view text);
std::string EncodeEioPacket(const EioPacket& packet);
std::string EncodeEioPacket(EioType type, std::string_view data = {});

// The packets of a polling payload; the whole payload is refused when it is
// larger than kMaxPayload or any packet is malformed.
core::Result<std::vector<EioPacket>> ParseEioPayload(std::string_view body);
// Already encoded packets joined by the record separator.
std::string JoinEioPayload(const std::vector<std::string>& encoded);

}  // namespace echotune::realtime
