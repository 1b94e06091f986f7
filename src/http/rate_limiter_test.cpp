#include "http/rate_limiter.h"

#include <gtest/gtest.h>

namespace echotune::http {
namespace {

class RateLimiterTest : public ::testing::Test {
 protected:
  core::FakeClock clock_{core::TimePoint(std::chrono::seconds(1700000000))};
  core::RateLimits limits_;
};

TEST_F(RateLimiterTest, SixthAuthRequestInTheWindowIsRefusedWithRetryAfter) {
  RateLimiter limiter(limits_, clock_);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.Check("1.2.3.4", "/auth/login").allowed);
  clock_.Advance(std::chrono::minutes(5));
  RateDecision d = limiter.Check("1.2.3.4", "/auth/login");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after_s, 600);
}

TEST_F(RateLimiterTest, WindowResetsAfterItsLength) {
  RateLimiter limiter(limits_, clock_);
  for (int i = 0; i < 6; ++i) (void)limiter.Check("ip", "/auth/login");
  clock_.Advance(std::chrono::seconds(limits_.window_s));
  EXPECT_TRUE(limiter.Check("ip", "/auth/login").allowed);
}

TEST_F(RateLimiterTest, ClientsAndGroupsAreCountedApart) {
  RateLimiter limiter(limits_, clock_);
  for (int i = 0; i < 5; ++i) (void)limiter.Check("a", "/auth/login");
  EXPECT_FALSE(limiter.Check("a", "/auth/callback").allowed);
  EXPECT_TRUE(limiter.Check("b", "/auth/login").allowed);
  EXPECT_TRUE(limiter.Check("a", "/api/playlists").allowed);
}

TEST_F(RateLimiterTest, GlobalLimitCoversEveryGroup) {
  limits_.global = 3;
  RateLimiter limiter(limits_, clock_);
  EXPECT_TRUE(limiter.Check("a", "/api/playlists").allowed);
  EXPECT_TRUE(limiter.Check("a", "/api/recommendations").allowed);
  EXPECT_TRUE(limiter.Check("a", "/api/user/settings").allowed);
  RateDecision d = limiter.Check("a", "/api/recommendations");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.limit, 3);
}

TEST_F(RateLimiterTest, HealthAndMetricsAreNeverLimited) {
  limits_.global = 1;
  RateLimiter limiter(limits_, clock_);
  for (int i = 0; i < 10; ++i) {
    EXPECT_TRUE(limiter.Check("a", "/api/health").allowed);
    EXPECT_TRUE(limiter.Check("a", "/metrics").allowed);
  }
}

TEST(RateGroup, PathsMapToTheirGroups) {
  EXPECT_EQ(GroupForPath("/auth/login"), RateGroup::kAuth);
  EXPECT_EQ(GroupForPath("/api/chat/message"), RateGroup::kChat);
  EXPECT_EQ(GroupForPath("/api/recommendations/feedback"), RateGroup::kRecs);
  EXPECT_EQ(GroupForPath("/api/spotify/play"), RateGroup::kSpotify);
  EXPECT_EQ(GroupForPath("/api/playlists"), RateGroup::kGlobal);
  EXPECT_EQ(GroupForPath("/authx"), RateGroup::kGlobal);
}

}  // namespace
}  // namespace echotune::http
