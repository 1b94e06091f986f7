#include "recs/spare_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <stdexcept>

namespace echotune::recs {
namespace {

TEST(SpareThreadTest, RunsATaskOnAnotherThreadAndReportsItsEnd) {
  SpareThread spare;
  std::thread::id ran_on;
  auto done = spare.TryRun([&] { ran_on = std::this_thread::get_id(); });
  ASSERT_TRUE(done.has_value());
  done->get();
  EXPECT_NE(ran_on, std::this_thread::get_id());
}

TEST(SpareThreadTest, RefusesWhileBusyAndTakesWorkAgainWhenIdle) {
  SpareThread spare;
  std::latch started(1), release(1);
  auto first = spare.TryRun([&] {
    started.count_down();
    release.wait();
  });
  ASSERT_TRUE(first.has_value());
  started.wait();
  bool ran = false;
  EXPECT_FALSE(spare.TryRun([&] { ran = true; }).has_value());
  release.count_down();
  first->get();
  EXPECT_FALSE(ran);
  // Idle again once the future is ready.
  auto second = spare.TryRun([&] { ran = true; });
  ASSERT_TRUE(second.has_value());
  second->get();
  EXPECT_TRUE(ran);
}

TEST(SpareThreadTest, AnExceptionComesOutOfTheFutureAndTheThreadLivesOn) {
  SpareThread spare;
  auto failed = spare.TryRun([] { throw std::runtime_error("boom"); });
  ASSERT_TRUE(failed.has_value());
  EXPECT_THROW(failed->get(), std::runtime_error);
  int runs = 0;
  for (int i = 0; i < 100; ++i) {
    auto done = spare.TryRun([&] { ++runs; });
    ASSERT_TRUE(done.has_value()) << "run " << i;
    done->get();
  }
  EXPECT_EQ(runs, 100);
}

TEST(SpareThreadTest, DestructionFinishesTheRunningTask) {
  std::atomic<bool> finished{false};
  {
    SpareThread spare;
    std::latch started(1);
    auto done = spare.TryRun([&] {
      started.count_down();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      finished = true;
    });
    ASSERT_TRUE(done.has_value());
    started.wait();
  }
  EXPECT_TRUE(finished.load());
}

}  // namespace
}  // namespace echotune::recs
