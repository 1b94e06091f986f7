#include "store/token_cipher.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <vector>

namespace echotune::store {

namespace {

constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;
constexpr std::string_view kPrefix = "v1:";

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx NewCtx() { return CipherCtx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free); }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Base64(const std::vector<uint8_t>& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// Decodes standard base64 with padding; nullopt-like empty + false on bad input.
bool Unbase64(std::string_view text, std::vector<uint8_t>& out) {
  if (text.empty() || text.size() % 4 != 0) return false;
  out.assign(text.size() / 4 * 3, 0);
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return false;
  size_t pad = (text.back() == '=') + (text.size() > 1 && text[text.size() - 2] == '=');
  out.resize(static_cast<size_t>(n) - pad);
  return true;
}

core::Error Tampered() { return core::Error::Internal("stored token cannot be decrypted"); }

}  // namespace

core::Result<TokenCipher> TokenCipher::FromHex(std::string_view hex) {
  std::array<uint8_t, kKeyBytes> key{};
  bool ok = hex.size() == 2 * kKeyBytes;
  for (size_t i = 0; ok && i < kKeyBytes; ++i) {
    int hi = HexValue(hex[2 * i]), lo = HexValue(hex[2 * i + 1]);
    ok = hi >= 0 && lo >= 0;
    key[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  if (!ok) {
    return core::Error::Validation("ECHOTUNE_TOKEN_KEY",
                                   "ECHOTUNE_TOKEN_KEY must be 64 hex characters (32 bytes)");
  }
  return TokenCipher(key);
}

std::string TokenCipher::GenerateKeyHex() {
  std::array<uint8_t, kKeyBytes> key{};
  RAND_bytes(key.data(), static_cast<int>(key.size()));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : key) out += {kHex[b >> 4], kHex[b & 15]};
  return out;
}

core::Result<TokenCipher> TokenCipher::FromKeyFile(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) {
    std::string hex = GenerateKeyHex() + "\n";
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) return core::Error::Internal("cannot create token key file " + path.string());
    bool written = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size());
    ::fchmod(fd, 0600);
    ::close(fd);
    if (!written) return core::Error::Internal("cannot write token key file " + path.string());
  }
  std::ifstream in(path);
  std::string hex;
  if (!(in >> hex)) return core::Error::Internal("cannot read token key file " + path.string());
  auto cipher = FromHex(hex);
  if (!cipher.ok()) return core::Error::Internal("token key file " + path.string() + " is malformed");
  return cipher;
}

core::Result<std::string> TokenCipher::Encrypt(std::string_view plaintext) const {
  std::vector<uint8_t> out(kNonceBytes + plaintext.size() + kTagBytes);
  RAND_bytes(out.data(), static_cast<int>(kNonceBytes));
  CipherCtx ctx = NewCtx();
  int len = 0;
  uint8_t* body = out.data() + kNonceBytes;
  bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), out.data()) == 1 &&
            EVP_EncryptUpdate(ctx.get(), body, &len, reinterpret_cast<const uint8_t*>(plaintext.data()),
                              static_cast<int>(plaintext.size())) == 1 &&
            EVP_EncryptFinal_ex(ctx.get(), body + len, &len) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                                body + plaintext.size()) == 1;
  if (!ok) return core::Error::Internal("token encryption failed");
  return std::string(kPrefix) + Base64(out);
}

core::Result<std::string> TokenCipher::Decrypt(std::string_view text) const {
  std::vector<uint8_t> in;
  if (!text.starts_with(kPrefix) || !Unbase64(text.substr(kPrefix.size()), in) ||
      in.size() < kNonceBytes + kTagBytes) {
    return Tampered();
  }
  size_t body_len = in.size() - kNonceBytes - kTagBytes;
  std::string out(body_len, '\0');
  CipherCtx ctx = NewCtx();
  int len = 0;
  uint8_t* plain = reinterpret_cast<uint8_t*>(out.data());
  bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), in.data()) == 1 &&
            EVP_DecryptUpdate(ctx.get(), plain, &len, in.data() + kNonceBytes,
                              static_cast<int>(body_len)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes,
                                in.data() + kNonceBytes + body_len) == 1 &&
            EVP_DecryptFinal_ex(ctx.get(), plain + len, &len) == 1;
  if (!ok) return Tampered();
  return out;
}

}  // namespace echotune::store
