// MongoDB ObjectId: 4-byte big-endian seconds, 5-byte per-process random value,
// 3-byte big-endian counter starting at a random value. 24 lowercase hex chars on the wire.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace echotune::core {

class ObjectId {
 public:
  ObjectId() = default;  // all zero; use Generate() for a fresh id
  explicit ObjectId(const std::array<uint8_t, 12>& bytes) : bytes_(bytes) {}

  // Thread-safe; unique within the process, ordered by creation second.
  static ObjectId Generate();
  static ObjectId Generate(TimePoint at);
  // Returns nullopt unless text is exactly 24 hex digits.
  static std::optional<ObjectId> Parse(std::string_view text);

  std::string ToHex() const;
  TimePoint Timestamp() const;
  const std::array<uint8_t, 12>& bytes() const { return bytes_; }
  bool IsZero() const;

  auto operator<=>(const ObjectId&) const = default;

 private:
  std::array<uint8_t, 12> bytes_{};
};

}  // namespace echotune::core
