#include "spotify/pkce.h"

#include <gtest/gtest.h>

namespace echotune::spotify {
namespace {

// RFC 7636 appendix B (also what Python's hashlib + urlsafe_b64encode give).
TEST(Pkce, ChallengeMatchesTheRfc7636AppendixBVector) {
  EXPECT_EQ(CodeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Pkce, Base64UrlHasNoPaddingAndUsesTheUrlAlphabet) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
}

TEST(Pkce, NewVerifiersAreValidAndDiffer) {
  std::string a = NewCodeVerifier();
  std::string b = NewCodeVerifier();
  EXPECT_TRUE(IsValidCodeVerifier(a)) << a;
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
}

TEST(Pkce, VerifierValidationChecksLengthAndAlphabet) {
  EXPECT_FALSE(IsValidCodeVerifier(std::string(42, 'a')));
  EXPECT_TRUE(IsValidCodeVerifier(std::string(43, 'a')));
  EXPECT_TRUE(IsValidCodeVerifier(std::string(128, '~')));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(129, 'a')));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(50, 'a') + "+"));
}

}  // namespace
}  // namespace echotune::spotify
