#include "core/random.h"

#include <openssl/rand.h>

#include <random>
#include <stdexcept>
#include <vector>

namespace echotune::core {
namespace {

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

std::string RandomHexId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string out(32, '0');
  uint64_t a = rng(), b = rng();
  for (int i = 0; i < 16; ++i) {
    out[i] = kHex[(a >> (4 * i)) & 0xF];
    out[16 + i] = kHex[(b >> (4 * i)) & 0xF];
  }
  return out;
}

std::string SecureRandomHex(size_t n) {
  std::vector<unsigned char> bytes(n);
  if (RAND_bytes(bytes.data(), static_cast<int>(n)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  std::string out;
  out.reserve(2 * n);
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

}  // namespace echotune::core
