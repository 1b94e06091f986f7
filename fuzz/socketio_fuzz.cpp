// Engine.IO polling payloads (packets joined by 0x1e) and the Socket.IO
// packets inside their message packets, as the real-time server reads them.
// A packet that parses must survive encode → parse (type, namespace, ack id).
#include "fuzz/fuzz_util.h"
#include "realtime/engineio_packet.h"
#include "realtime/socketio_packet.h"

using namespace echotune;

namespace {

void SocketIo(std::string_view text) {
  auto packet = realtime::ParseSioPacket(text);
  if (!packet.ok()) return;
  std::string encoded = realtime::EncodeSioPacket(*packet);
  auto again = realtime::ParseSioPacket(encoded);
  // Data is compared by kind: Boost.JSON's default number parsing is not
  // exact, so a long number may come back one ulp apart.
  if (!again.ok() || again->type != packet->type || again->nsp != packet->nsp ||
      again->id != packet->id || again->data.kind() != packet->data.kind()) {
    __builtin_trap();  // what the server writes, a client could not read back
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  // A WebSocket frame carries one packet; a polling body carries several.
  if (auto one = realtime::ParseEioPacket(text); one.ok() && one->type == realtime::EioType::kMessage) {
    SocketIo(one->data);
  }
  auto payload = realtime::ParseEioPayload(text);
  if (!payload.ok()) return 0;
  std::vector<std::string> encoded;
  for (const auto& p : *payload) {
    encoded.push_back(realtime::EncodeEioPacket(p));
    if (p.type == realtime::EioType::kMessage) SocketIo(p.data);
  }
  if (realtime::JoinEioPayload(encoded) != text) __builtin_trap();  // polling round trip
  return 0;
}
