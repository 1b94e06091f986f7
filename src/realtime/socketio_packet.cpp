#include "realtime/socketio_packet.h"

#include <boost/json/parse.hpp>

#include "core/json_write.h"

namespace echotune::realtime {
namespace {

core::Error Malformed(std::string message) { return core::Error::Validation("packet", std::move(message)); }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

core::Status CheckShape(const SioPacket& p) {
  // No packet type carries a bare string or number; after an ack id one would
  // also be ambiguous ("15 42" would encode as "1542").
  if (!p.data.is_null() && !p.data.is_object() && !p.data.is_array()) {
    return Malformed("packet data must be an object or an array");
  }
  switch (p.type) {
    case SioType::kConnect:
      if (!p.data.is_null() && !p.data.is_object()) return Malformed("CONNECT data must be an object");
      break;
    case SioType::kEvent:
      if (!p.data.is_array() || p.data.as_array().empty() || !p.data.as_array()[0].is_string()) {
        return Malformed("EVENT data must be an array starting with the event name");
      }
      break;
    case SioType::kAck:
      if (!p.id) return Malformed("ACK without an id");
      if (!p.data.is_array()) return Malformed("ACK data must be an array");
      break;
    default:
      break;
  }
  return core::Ok();
}

}  // namespace

core::Result<SioPacket> ParseSioPacket(std::string_view text) {
  if (text.empty()) return Malformed("empty Socket.IO packet");
  if (!IsDigit(text[0]) || text[0] > '6') return Malformed("unknown Socket.IO packet type");
  SioPacket p;
  p.type = static_cast<SioType>(text[0] - '0');
  if (p.type == SioType::kBinaryEvent || p.type == SioType::kBinaryAck) {
    return Malformed("binary attachments are not accepted");
  }
  size_t i = 1;
  if (i < text.size() && text[i] == '/') {
    size_t comma = text.find(',', i);
    if (comma == std::string_view::npos) {
      p.nsp = std::string(text.substr(i));  // "1/admin": nothing after the namespace
      i = text.size();
    } else {
      p.nsp = std::string(text.substr(i, comma - i));
      i = comma + 1;
    }
  }
  size_t digits = i;
  while (digits < text.size() && IsDigit(text[digits])) ++digits;
  if (digits > i) {
    if (digits - i > 15) return Malformed("ack id too large");
    p.id = std::stoull(std::string(text.substr(i, digits - i)));
    i = digits;
  }
  if (i < text.size()) {
    boost::system::error_code ec;
    p.data = boost::json::parse(text.substr(i), ec);
    if (ec) return Malformed("invalid JSON in the packet");
  }
  if (auto s = CheckShape(p); !s.ok()) return std::move(s).error();
  return p;
}

std::string EncodeSioPacket(const SioPacket& p) {
  std::string out(1, static_cast<char>('0' + static_cast<int>(p.type)));
  if (p.nsp != "/") {
    out += p.nsp;
    out += ',';
  }
  if (p.id) out += std::to_string(*p.id);
  if (!p.data.is_null()) out += core::JsonWrite(p.data);
  return out;
}

std::string EncodeSioEvent(std::string_view event, const boost::json::value& data) {
  std::string out = "2[";
  out += core::JsonWrite(boost::json::value(boost::json::string(event)));
  out += ',';
  out += core::JsonWrite(data);
  out += ']';
  return out;
}

}  // namespace echotune::realtime
