#include "http/verified_tokens.h"

#include <gtest/gtest.h>

#include "core/time_format.h"

namespace echotune::http {
namespace {

class VerifiedTokensTest : public ::testing::Test {
 protected:
  AuthContext Claims(const std::string& user, long long ttl_s) const {
    return AuthContext{user, "sp-" + user, "jti-" + user,
                       core::ToUnixMillis(clock_.Now()) / 1000 + ttl_s};
  }

  core::FakeClock clock_{core::TimePoint(std::chrono::hours(480'000))};
};

TEST_F(VerifiedTokensTest, RemembersTheClaimsOfExactlyThatToken) {
  VerifiedTokens memo(clock_);
  EXPECT_FALSE(memo.Find("a.b.c").has_value());
  memo.Remember("a.b.c", Claims("u1", 60));
  auto hit = memo.Find("a.b.c");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->user_id, "u1");
  EXPECT_EQ(hit->spotify_id, "sp-u1");
  EXPECT_EQ(hit->token_id, "jti-u1");
  EXPECT_FALSE(memo.Find("a.b.d").has_value());   // one byte off: unknown
  EXPECT_FALSE(memo.Find("a.b.c ").has_value());
  EXPECT_FALSE(memo.Find("a.b").has_value());
}

TEST_F(VerifiedTokensTest, ARememberedTokenExpiresAtItsExp) {
  VerifiedTokens memo(clock_);
  memo.Remember("t", Claims("u1", 60));
  clock_.Advance(std::chrono::seconds(59));
  EXPECT_TRUE(memo.Find("t").has_value());
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_FALSE(memo.Find("t").has_value());
  EXPECT_EQ(memo.size(), 0u);  // dropped
}

TEST_F(VerifiedTokensTest, StaysWithinItsCapacity) {
  VerifiedTokens memo(clock_, 64);
  for (int i = 0; i < 10'000; ++i) memo.Remember("token-" + std::to_string(i), Claims("u", 60));
  EXPECT_LE(memo.size(), 64u);
  memo.Remember("last", Claims("u", 60));
  EXPECT_TRUE(memo.Find("last").has_value());
}

}  // namespace
}  // namespace echotune::http
