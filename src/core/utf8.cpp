#include "core/utf8.h"

namespace echotune::core {
namespace {

struct Sequence {
  std::size_t length;  // bytes taken: the whole character, or the ill-formed maximal subpart
  bool valid;
};

// The sequence that starts at s[i] (i < s.size()).
Sequence SequenceAt(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return {1, true};
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return {1, false};
  }
  std::size_t k = 1;
  for (; k < len && i + k < s.size(); ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return {k, false};
  }
  return {k, k == len};
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const Sequence seq = SequenceAt(s, i);
    if (!seq.valid) return false;
    i += seq.length;
  }
  return true;
}

std::string ToValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const Sequence seq = SequenceAt(s, i);
    if (seq.valid) {
      out.append(s.substr(i, seq.length));
    } else {
      out += "\xef\xbf\xbd";  // U+FFFD
    }
    i += seq.length;
  }
  return out;
}

}  // namespace echotune::core
