#include "llm/circuit_breaker.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace echotune::llm {
namespace {

using namespace std::chrono_literals;

struct BreakerTest : ::testing::Test {
  core::FakeClock clock{core::TimePoint(std::chrono::hours(1000))};
  std::vector<std::string> changes;
  CircuitBreaker breaker{clock, {}, [this](CircuitState from, CircuitState to) {
                           changes.push_back(std::string(ToString(from)) + ">" + std::string(ToString(to)));
                         }};

  void Fail(int n) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(breaker.Allow());
      breaker.Failure();
    }
  }
  void OpenThenHalfOpen() {
    Fail(5);
    clock.Advance(30s);
    ASSERT_EQ(breaker.state(), CircuitState::kHalfOpen);
  }
};

TEST_F(BreakerTest, StaysClosedWithFourFailures) {
  Fail(4);
  EXPECT_EQ(breaker.state(), CircuitState::kClosed);
  EXPECT_TRUE(changes.empty());
}

TEST_F(BreakerTest, OpensOnTheFifthFailureWithinSixtySeconds) {
  Fail(4);
  clock.Advance(59s);
  Fail(1);
  EXPECT_EQ(breaker.state(), CircuitState::kOpen);
  EXPECT_FALSE(breaker.Allow());
  EXPECT_EQ(changes, (std::vector<std::string>{"CLOSED>OPEN"}));
}

TEST_F(BreakerTest, ForgetsFailuresOlderThanTheWindow) {
  Fail(4);
  clock.Advance(61s);
  Fail(4);
  EXPECT_EQ(breaker.state(), CircuitState::kClosed);
  Fail(1);
  EXPECT_EQ(breaker.state(), CircuitState::kOpen);
}

TEST_F(BreakerTest, StaysOpenForThirtySecondsThenHalfOpens) {
  Fail(5);
  clock.Advance(29s);
  EXPECT_FALSE(breaker.Allow());
  EXPECT_EQ(breaker.state(), CircuitState::kOpen);
  clock.Advance(1s);
  EXPECT_EQ(breaker.state(), CircuitState::kHalfOpen);
  EXPECT_EQ(changes, (std::vector<std::string>{"CLOSED>OPEN", "OPEN>HALF_OPEN"}));
}

TEST_F(BreakerTest, HalfOpenLetsThreeProbesThrough) {
  OpenThenHalfOpen();
  EXPECT_TRUE(breaker.Allow());
  EXPECT_TRUE(breaker.Allow());
  EXPECT_TRUE(breaker.Allow());
  EXPECT_FALSE(breaker.Allow());
}

TEST_F(BreakerTest, ThreeProbeSuccessesClose) {
  OpenThenHalfOpen();
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(breaker.Allow());
    EXPECT_EQ(breaker.state(), CircuitState::kHalfOpen);
    breaker.Success();
  }
  EXPECT_EQ(breaker.state(), CircuitState::kClosed);
  EXPECT_EQ(changes.back(), "HALF_OPEN>CLOSED");
  Fail(4);  // a fresh window after closing
  EXPECT_EQ(breaker.state(), CircuitState::kClosed);
}

TEST_F(BreakerTest, OneProbeFailureReopensForAnotherThirtySeconds) {
  OpenThenHalfOpen();
  ASSERT_TRUE(breaker.Allow());
  breaker.Success();
  ASSERT_TRUE(breaker.Allow());
  breaker.Failure();
  EXPECT_EQ(breaker.state(), CircuitState::kOpen);
  EXPECT_EQ(changes.back(), "HALF_OPEN>OPEN");
  clock.Advance(29s);
  EXPECT_FALSE(breaker.Allow());
  clock.Advance(1s);
  EXPECT_TRUE(breaker.Allow());
}

TEST_F(BreakerTest, ReleasedProbeFreesItsSlot) {
  OpenThenHalfOpen();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(breaker.Allow());
  breaker.Release();
  EXPECT_TRUE(breaker.Allow());
  EXPECT_FALSE(breaker.Allow());
}

TEST_F(BreakerTest, SuccessWhileClosedChangesNothing) {
  breaker.Success();
  EXPECT_EQ(breaker.state(), CircuitState::kClosed);
  EXPECT_TRUE(changes.empty());
}

}  // namespace
}  // namespace echotune::llm
