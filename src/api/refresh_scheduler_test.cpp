#include "api/refresh_scheduler.h"

#include <gtest/gtest.h>

namespace echotune::api {
namespace {

TEST(RefreshScheduler, AnUnheldIdleUserStartsAtOnce) {
  RefreshScheduler s;
  EXPECT_TRUE(s.Request("u1"));
  EXPECT_FALSE(s.Finished("u1"));
  EXPECT_EQ(s.tracked(), 0u);
}

TEST(RefreshScheduler, RequestsDuringARunCoalesceIntoOneMoreRun) {
  RefreshScheduler s;
  ASSERT_TRUE(s.Request("u1"));
  EXPECT_FALSE(s.Request("u1"));
  EXPECT_FALSE(s.Request("u1"));
  EXPECT_TRUE(s.Request("u2"));  // other users are independent
  EXPECT_TRUE(s.Finished("u1"));  // once more
  EXPECT_FALSE(s.Finished("u1"));
  EXPECT_FALSE(s.Finished("u2"));
  EXPECT_EQ(s.tracked(), 0u);
}

TEST(RefreshScheduler, AHeldUserWaitsForTheLastRelease) {
  RefreshScheduler s;
  s.Hold("u1");
  s.Hold("u1");
  EXPECT_FALSE(s.Request("u1"));
  EXPECT_FALSE(s.Release("u1"));
  EXPECT_TRUE(s.Release("u1"));
  EXPECT_FALSE(s.Finished("u1"));
  EXPECT_EQ(s.tracked(), 0u);
}

TEST(RefreshScheduler, AHoldWithoutARequestStartsNothing) {
  RefreshScheduler s;
  s.Hold("u1");
  EXPECT_FALSE(s.Release("u1"));
  EXPECT_EQ(s.tracked(), 0u);
}

TEST(RefreshScheduler, ARequestHeldDuringARunStartsAfterBothEnd) {
  RefreshScheduler s;
  ASSERT_TRUE(s.Request("u1"));
  s.Hold("u1");
  EXPECT_FALSE(s.Request("u1"));
  EXPECT_FALSE(s.Finished("u1"));  // still held
  EXPECT_TRUE(s.Release("u1"));
  EXPECT_FALSE(s.Finished("u1"));
  EXPECT_EQ(s.tracked(), 0u);
}

}  // namespace
}  // namespace echotune::api
