#include "http/jwt_codec.h"

#include <gtest/gtest.h>


namespace echotune::http {
namespace {

const char kUser[] = "665a1b2c3d4e5f6a7b8c9d0e";

std::string Base64Url(std::string_view s) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : s) {
    acc = acc << 8 | c;
    bits += 8;
    while (bits >= 6) out += kAlphabet[(acc >> (bits -= 6)) & 63];
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

class JwtCodecTest : public ::testing::Test {
 protected:
  core::FakeClock clock_{std::chrono::system_clock::now()};
  JwtCodec codec_{"test-secret", 3600, clock_};
};

TEST_F(JwtCodecTest, IssuedTokenVerifiesWithItsClaims) {
  auto auth = codec_.Verify(codec_.Issue(kUser, "spotify-user"));
  ASSERT_TRUE(auth.ok()) << auth.error().message;
  EXPECT_EQ(auth->user_id, kUser);
  EXPECT_EQ(auth->spotify_id, "spotify-user");
  EXPECT_EQ(auth->token_id.size(), 32u);
}

TEST_F(JwtCodecTest, ExpiredTokenIsRefused) {
  std::string token = codec_.Issue(kUser, "s");
  clock_.Advance(std::chrono::seconds(3601));
  auto auth = codec_.Verify(token);
  ASSERT_FALSE(auth.ok());
  EXPECT_EQ(auth.error().code, core::ErrorCode::kInvalidToken);
}

TEST_F(JwtCodecTest, ATokenVerifiedBeforeIsStillRefusedOnceExpired) {
  std::string token = codec_.Issue(kUser, "s");
  ASSERT_TRUE(codec_.Verify(token).ok());
  auto again = codec_.Verify(token);  // answered from the memo
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->user_id, kUser);
  clock_.Advance(std::chrono::seconds(3601));
  auto expired = codec_.Verify(token);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, core::ErrorCode::kInvalidToken);
}

TEST_F(JwtCodecTest, ATamperedCopyOfAVerifiedTokenIsRefused) {
  std::string token = codec_.Issue(kUser, "s");
  ASSERT_TRUE(codec_.Verify(token).ok());
  auto first = token.find('.'), second = token.rfind('.');
  std::string payload = Base64Url(R"({"userId":"000000000000000000000000","exp":99999999999})");
  EXPECT_FALSE(codec_.Verify(token.substr(0, first + 1) + payload + token.substr(second)).ok());
  std::string bad_signature = token;
  char& c = bad_signature[bad_signature.size() - 5];  // a full 6 bits of the signature
  c = c == 'A' ? 'B' : 'A';
  EXPECT_FALSE(codec_.Verify(bad_signature).ok());
  EXPECT_TRUE(codec_.Verify(token).ok());
}

TEST_F(JwtCodecTest, TokenSignedWithAnotherSecretIsRefused) {
  JwtCodec other("other-secret", 3600, clock_);
  EXPECT_FALSE(codec_.Verify(other.Issue(kUser, "s")).ok());
}

TEST_F(JwtCodecTest, TamperedPayloadIsRefused) {
  std::string token = codec_.Issue(kUser, "s");
  auto first = token.find('.'), second = token.rfind('.');
  std::string payload = Base64Url(R"({"userId":"000000000000000000000000","exp":99999999999})");
  std::string forged = token.substr(0, first + 1) + payload + token.substr(second);
  EXPECT_FALSE(codec_.Verify(forged).ok());
}

TEST_F(JwtCodecTest, AlgNoneIsRefused) {
  std::string header = Base64Url(R"({"alg":"none","typ":"JWT"})");
  std::string payload = Base64Url(std::string(R"({"userId":")") + kUser +
                                  R"(","exp":99999999999})");
  EXPECT_FALSE(codec_.Verify(header + "." + payload + ".").ok());
  EXPECT_FALSE(codec_.Verify(header + "." + payload).ok());
}

// Found by fuzz/jwt_fuzz.cpp: cpp-jwt converts exp to uint64_t before it
// checks the signature, so an unsigned token with "exp": 1e300 reached
// undefined behaviour (UBSan: float-cast-overflow) from any client.
TEST_F(JwtCodecTest, FloatTimeClaimsAreRefusedBeforeCppJwtReadsThem) {
  std::string header = Base64Url(R"({"alg":"HS256","typ":"JWT"})");
  for (const char* claims : {R"("exp":1e300)", R"("exp":-1e300)", R"("exp":1.5e9)", R"("nbf":1e300)",
                             R"("iat":1e30)", R"("exp":1,"exp":1e300)"}) {
    std::string payload = Base64Url(std::string(R"({"userId":")") + kUser + R"(",)" + claims + "}");
    auto auth = codec_.Verify(header + "." + payload + ".c2lnbmF0dXJl");
    ASSERT_FALSE(auth.ok()) << claims;
    EXPECT_EQ(auth.error().message, "Invalid token: malformed") << claims;
  }
}

TEST_F(JwtCodecTest, GarbageIsRefusedWithoutThrowing) {
  for (const char* bad : {"", "abc", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9.e30.", "\xff\xfe.x.y",
                          "eyJhbGciOiJIUzI1NiJ9.\x80\x81.sig", "a=.b.c", "a b.c.d"}) {
    auto auth = codec_.Verify(bad);
    EXPECT_FALSE(auth.ok()) << bad;
  }
}

TEST(BearerToken, ExtractsTheTokenOfTheBearerScheme) {
  EXPECT_EQ(BearerToken("Bearer abc"), "abc");
  EXPECT_EQ(BearerToken("bearer  abc"), "abc");
  EXPECT_EQ(BearerToken("Basic abc"), "");
  EXPECT_EQ(BearerToken("Bearer"), "");
}

}  // namespace
}  // namespace echotune::http
