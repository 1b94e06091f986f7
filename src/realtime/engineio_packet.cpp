#include "realtime/engineio_packet.h"

namespace echotune::realtime {

core::Result<EioPacket> ParseEioPacket(std::string_view text) {
  if (text.empty()) return core::Error::Validation("packet", "empty Engine.IO packet");
  if (text[0] == 'b') return core::Error::Validation("packet", "binary packets are not accepted");
  if (text[0] < '0' || text[0] > '6') return core::Error::Validation("packet", "unknown Engine.IO packet type");
  return EioPacket{static_cast<EioType>(text[0] - '0'), std::string(text.substr(1))};
}

std::string EncodeEioPacket(EioType type, std::string_view data) {
  std::string out;
  out.reserve(data.size() + 1);
  out.push_back(static_cast<char>('0' + static_cast<int>(type)));
  out.append(data);
  return out;
}

std::string EncodeEioPacket(const EioPacket& packet) { return EncodeEioPacket(packet.type, packet.data); }

core::Result<std::vector<EioPacket>> ParseEioPayload(std::string_view body) {
  if (body.size() > kMaxPayload) return core::Error::Validation("payload", "payload exceeds maxPayload");
  std::vector<EioPacket> packets;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find(kRecordSeparator, start);
    if (end == std::string_view::npos) end = body.size();
    auto packet = ParseEioPacket(body.substr(start, end - start));
    if (!packet.ok()) return std::move(packet).error();
    packets.push_back(std::move(packet).value());
    start = end + 1;
  }
  return packets;
}

std::string JoinEioPayload(const std::vector<std::string>& encoded) {
  std::string out;
  for (const auto& p : encoded) {
    if (!out.empty()) out.push_back(kRecordSeparator);
    out.append(p);
  }
  return out;
}

}  // namespace echotune::realtime
