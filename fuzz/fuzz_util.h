// Helpers shared by the libFuzzer targets in fuzz/ (docs/fuzzing.md).
#pragma once

#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace echotune::fuzz {

// The input as text.
inline std::string_view Text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Logging off: the code under test logs bad input, which is the fuzzer's whole diet.
inline void QuietLogs() { spdlog::set_level(spdlog::level::off); }

// Splits off the first byte as a selector (0 when the input is empty).
inline uint8_t TakeByte(std::string_view& text) {
  if (text.empty()) return 0;
  uint8_t b = static_cast<uint8_t>(text.front());
  text.remove_prefix(1);
  return b;
}

}  // namespace echotune::fuzz
