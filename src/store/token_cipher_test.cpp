#include "store/token_cipher.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/test_util.h"

namespace echotune::store {
namespace {

TokenCipher Cipher(char fill) { return TokenCipher::FromHex(std::string(64, fill)).value(); }

TEST(TokenCipher, RoundTripsAndUsesAFreshNonceEachTime) {
  auto c = Cipher('1');
  auto a = c.Encrypt("BQA-secret-token");
  auto b = c.Encrypt("BQA-secret-token");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->rfind("v1:", 0), 0u);
  EXPECT_EQ(a->find("secret"), std::string::npos);
  EXPECT_EQ(c.Decrypt(*a).value(), "BQA-secret-token");
  EXPECT_EQ(c.Decrypt(c.Encrypt("").value()).value(), "");
}

TEST(TokenCipher, DetectsTamperingAndWrongKeys) {
  auto c = Cipher('1');
  std::string sealed = c.Encrypt("token").value();
  std::string tampered = sealed;
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(c.Decrypt(tampered).ok());
  EXPECT_FALSE(Cipher('2').Decrypt(sealed).ok());
  EXPECT_FALSE(c.Decrypt("v1:").ok());
  EXPECT_FALSE(c.Decrypt("garbage").ok());
  EXPECT_FALSE(c.Decrypt("v1:!!!!").ok());
}

TEST(TokenCipher, KeysMustBe64HexCharacters) {
  EXPECT_FALSE(TokenCipher::FromHex("abc").ok());
  EXPECT_FALSE(TokenCipher::FromHex(std::string(64, 'g')).ok());
  auto err = TokenCipher::FromHex("");
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.error().details.at("field").as_string(), "ECHOTUNE_TOKEN_KEY");
  EXPECT_EQ(TokenCipher::GenerateKeyHex().size(), 64u);
}

TEST(TokenCipher, KeyFileIsCreatedOnceWithMode0600) {
  auto path = echotune::testing::TempDir("cipher") / "db.token-key";
  auto first = TokenCipher::FromKeyFile(path);
  ASSERT_TRUE(first.ok()) << first.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto second = TokenCipher::FromKeyFile(path);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->Decrypt(first->Encrypt("x").value()).value(), "x");
}

}  // namespace
}  // namespace echotune::store
