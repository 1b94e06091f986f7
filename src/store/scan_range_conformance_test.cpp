// The conformance suite, part 6: ListeningHistoryRepository::ScanRange, the
// listening report's read (issue 16).
#include "store/store_conformance.h"

namespace echotune::store::testing {

using std::chrono::minutes;

TEST_P(StoreConformanceTest, ScanRangeVisitsTheUsersListensInTheRangeOldestFirst) {
  model::User u = NewUser("u");
  model::User other = NewUser("o");
  model::Listen skipped = NewListen(u.id, "t3", 30, "C");
  skipped.skip_count = 1;
  skipped.duration_ms = 12000;
  ASSERT_OK(store_->listens().InsertBatch({NewListen(u.id, "t1", 0, "A"), NewListen(u.id, "t2", 20, "B"), skipped,
                                           NewListen(u.id, "t4", 40, "D"), NewListen(other.id, "t9", 25, "X")}));
  struct Seen {
    std::string track, name, artist;
    core::TimePoint at;
    int64_t duration_ms, skips;
  };
  std::vector<Seen> seen;
  auto s = store_->listens().ScanRange(u.id, clock_.Now() + minutes(10), clock_.Now() + minutes(40),
                                       [&](const PlayRow& r) {
                                         seen.push_back({std::string(r.track_id), std::string(r.track_name),
                                                         std::string(r.artist_name), r.played_at, r.duration_ms,
                                                         r.skip_count});
                                         return true;
                                       });
  ASSERT_OK(s);
  ASSERT_EQ(seen.size(), 2u);  // t2 and t3; t1 before, t4 at the (exclusive) end, t9 another user's
  EXPECT_EQ(seen[0].track, "t2");
  EXPECT_EQ(seen[0].name, "Song t2");
  EXPECT_EQ(seen[0].artist, "B");
  EXPECT_EQ(seen[0].at, clock_.Now() + minutes(20));
  EXPECT_EQ(seen[1].track, "t3");
  EXPECT_EQ(seen[1].duration_ms, 12000);
  EXPECT_EQ(seen[1].skips, 1);

  int calls = 0;
  ASSERT_OK(store_->listens().ScanRange(u.id, core::TimePoint{}, clock_.Now() + minutes(60), [&](const PlayRow&) {
    ++calls;
    return false;  // stop at once
  }));
  EXPECT_EQ(calls, 1);
}

}  // namespace echotune::store::testing
