#include "core/object_id.h"

#include <atomic>
#include <random>

namespace echotune::core {
namespace {

struct ProcessState {
  std::array<uint8_t, 5> random{};
  std::atomic<uint32_t> counter{0};
  ProcessState() {
    std::random_device rd;
    for (auto& b : random) b = static_cast<uint8_t>(rd());
    counter = rd() & 0xFFFFFF;
  }
};

ProcessState& State() {
  static ProcessState state;
  return state;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

ObjectId ObjectId::Generate() { return Generate(std::chrono::system_clock::now()); }

ObjectId ObjectId::Generate(TimePoint at) {
  auto secs = static_cast<uint32_t>(
      std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
  uint32_t count = State().counter.fetch_add(1) & 0xFFFFFF;
  std::array<uint8_t, 12> b{};
  b[0] = secs >> 24; b[1] = secs >> 16; b[2] = secs >> 8; b[3] = secs;
  for (int i = 0; i < 5; ++i) b[4 + i] = State().random[i];
  b[9] = count >> 16; b[10] = count >> 8; b[11] = count;
  return ObjectId(b);
}

std::optional<ObjectId> ObjectId::Parse(std::string_view text) {
  if (text.size() != 24) return std::nullopt;
  std::array<uint8_t, 12> b{};
  for (size_t i = 0; i < 12; ++i) {
    int hi = HexValue(text[2 * i]), lo = HexValue(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    b[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return ObjectId(b);
}

std::string ObjectId::ToHex() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(24, '0');
  for (size_t i = 0; i < 12; ++i) {
    out[2 * i] = kHex[bytes_[i] >> 4];
    out[2 * i + 1] = kHex[bytes_[i] & 0xF];
  }
  return out;
}

TimePoint ObjectId::Timestamp() const {
  uint32_t secs = uint32_t{bytes_[0]} << 24 | uint32_t{bytes_[1]} << 16 |
                  uint32_t{bytes_[2]} << 8 | bytes_[3];
  return TimePoint(std::chrono::seconds(secs));
}

bool ObjectId::IsZero() const {
  for (auto b : bytes_) {
    if (b) return false;
  }
  return true;
}

}  // namespace echotune::core
