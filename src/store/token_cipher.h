// TokenCipher: AES-256-GCM encryption of OAuth tokens at rest (SYSTEM.md §2),
// through OpenSSL EVP. Ciphertext text form: "v1:" + base64(nonce(12) || ct || tag(16)),
// with a fresh random nonce per call. Immutable after construction; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace echotune::store {

class TokenCipher final {
 public:
  static constexpr size_t kKeyBytes = 32;

  explicit TokenCipher(const std::array<uint8_t, kKeyBytes>& key) : key_(key) {}

  // From 64 hex characters; VALIDATION_ERROR (field "ECHOTUNE_TOKEN_KEY") otherwise.
  static core::Result<TokenCipher> FromHex(std::string_view hex);
  // Reads the key file at `path`, or creates it (mode 0600, 64 hex chars + newline)
  // with a fresh random key when it does not exist. INTERNAL_ERROR on I/O failure.
  static core::Result<TokenCipher> FromKeyFile(const std::filesystem::path& path);
  // A fresh random key as 64 hex characters.
  static std::string GenerateKeyHex();

  [[nodiscard]] core::Result<std::string> Encrypt(std::string_view plaintext) const;
  // INTERNAL_ERROR when the text was not made by Encrypt with this key or was altered.
  [[nodiscard]] core::Result<std::string> Decrypt(std::string_view ciphertext) const;

 private:
  std::array<uint8_t, kKeyBytes> key_;
};

}  // namespace echotune::store
