// Bearer tokens through http::JwtCodec::Verify (and BearerToken on the
// Authorization header). Odd first byte: the rest is "<header JSON>\n<payload
// JSON>", signed here with the codec's key, so the claims parsing behind the
// signature check is reached too; even: the rest is the header value as sent.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/clock.h"
#include "fuzz/fuzz_util.h"
#include "http/jwt_codec.h"

namespace {

using namespace echotune;

constexpr std::string_view kSecret = "fuzz-secret";

std::string Base64Url(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

std::string Sign(std::string_view header, std::string_view payload) {
  std::string input = Base64Url(header) + "." + Base64Url(payload);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), kSecret.data(), static_cast<int>(kSecret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
  return input + "." + Base64Url({reinterpret_cast<const char*>(mac), len});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static core::FakeClock clock(core::TimePoint(std::chrono::seconds(1'760'000'000)));
  static http::JwtCodec codec{std::string(kSecret), 3600, clock};
  std::string_view text = fuzz::Text(data, size);
  if (fuzz::TakeByte(text) % 2 == 1) {
    auto nl = text.find('\n');
    std::string_view header = text.substr(0, nl);
    std::string_view payload = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    (void)codec.Verify(Sign(header, payload));
  } else {
    (void)codec.Verify(http::BearerToken(text));
  }
  return 0;
}
