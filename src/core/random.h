// Random identifiers and bytes.
#pragma once

#include <string>

namespace echotune::core {

// 32 lowercase hex characters from a fast per-thread generator seeded from
// the OS. Unique enough for ids; NOT for secrets. Thread-safe.
std::string RandomHexId();

// `n` bytes from the OS CSPRNG (OpenSSL RAND_bytes), hex-encoded: for
// secrets, OAuth state and PKCE verifiers. Thread-safe.
std::string SecureRandomHex(size_t n);

}  // namespace echotune::core
