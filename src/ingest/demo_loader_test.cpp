#include "ingest/demo_loader.h"

#include <gtest/gtest.h>

#include <sstream>

#include "ingest/test_store.h"

namespace echotune::ingest {
namespace {

TEST(DemoLoader, LoadsListenersAndSamplesOnceAndASecondRunAddsNothing) {
  auto store = testing::OpenTestStore("demo");
  std::ostringstream out;
  ProgressReporter progress(out, false, core::SystemClock::Instance());
  DemoLoader loader(*store, progress);
  auto first = loader.Load(echotune::testing::SharedDataDir());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->playlist_listeners, 471u);
  EXPECT_EQ(first->users_created, 471 + 2);
  EXPECT_EQ(*store->tracks().Count(), 66303);
  // One play per (playlist, track) row; a track listed twice in a playlist lands in two slots.
  EXPECT_EQ(first->listeners.rows, 32828);
  EXPECT_EQ(first->listeners.imported, 32828);
  EXPECT_EQ(first->exports.imported, 6866 + 6928);
  ASSERT_EQ(first->export_users.size(), 2u);
  EXPECT_EQ(*store->listens().CountForUser(first->export_users[0].id), 6866);
  EXPECT_EQ(*store->users().Count(), 473);
  EXPECT_FALSE(first->NothingAdded());

  auto second = loader.Load(echotune::testing::SharedDataDir());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_TRUE(second->NothingAdded());
  EXPECT_EQ(second->listeners.imported, 0);
  EXPECT_EQ(*store->listens().Count(), 32828 + 6866 + 6928);
}

TEST(DemoLoader, MissingDataIsAValidationError) {
  auto store = testing::OpenTestStore("demo-missing");
  std::ostringstream out;
  ProgressReporter progress(out, false, core::SystemClock::Instance());
  DemoLoader loader(*store, progress);
  auto r = loader.Load("/nonexistent/data");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::kValidationError);
}

}  // namespace
}  // namespace echotune::ingest
