// The conformance suite, part 2: listening history.
#include <algorithm>

#include "store/store_conformance.h"

namespace echotune::store::testing {

using std::chrono::hours;
using std::chrono::minutes;

TEST_P(StoreConformanceTest, InsertedListensComeBackNewestFirst) {
  model::User u = NewUser("u");
  for (int i = 0; i < 5; ++i) ASSERT_OK(store_->listens().Insert(NewListen(u.id, "t" + std::to_string(i), i)));
  auto recent = store_->listens().Recent(u.id, 3);
  ASSERT_OK(recent);
  ASSERT_EQ(recent->size(), 3u);
  EXPECT_EQ((*recent)[0].track_id, "t4");
  EXPECT_EQ((*recent)[2].track_id, "t2");
  EXPECT_EQ((*recent)[0].skip_count, 0);
  EXPECT_EQ((*recent)[0].repeat_count, 0);
  EXPECT_EQ((*recent)[0].created_at, clock_.Now());
  EXPECT_FALSE((*recent)[0].id.IsZero());
  EXPECT_EQ(store_->listens().CountForUser(u.id).value(), 5);
  EXPECT_EQ(store_->listens().Count().value(), 5);
}

TEST_P(StoreConformanceTest, ListenFieldsRoundTrip) {
  model::User u = NewUser("u");
  model::Listen l = NewListen(u.id, "4iV5W9uYEdYUVa79Axb7Rh", 0, "AC/DC");
  l.popularity = 82;
  l.context = {model::ContextType::kPlaylist, "spotify:playlist:1", model::DeviceType::kComputer};
  l.repeat_count = 1;
  ASSERT_OK(store_->listens().Insert(l));
  auto got = store_->listens().Recent(u.id, 1);
  ASSERT_OK(got);
  ASSERT_EQ(got->size(), 1u);
  const auto& g = got->front();
  EXPECT_EQ(g.artist_name, "AC/DC");
  EXPECT_EQ(g.played_at, l.played_at);
  EXPECT_EQ(g.duration_ms, 200000);
  EXPECT_EQ(g.popularity, 82);
  EXPECT_EQ(g.context.context_type, model::ContextType::kPlaylist);
  EXPECT_EQ(g.context.context_uri, "spotify:playlist:1");
  EXPECT_EQ(g.context.device_type, model::DeviceType::kComputer);
  EXPECT_EQ(g.repeat_count, 1);
}

TEST_P(StoreConformanceTest, ListenForUnknownUserIsNotFound) {
  EXPECT_ERROR_CODE(store_->listens().Insert(NewListen(core::ObjectId::Generate(), "t", 0)),
                    kNotFound);
  EXPECT_EQ(store_->listens().Count().value(), 0);
}

TEST_P(StoreConformanceTest, SameUserTrackAndTimeIsAConflict) {
  model::User u = NewUser("u");
  ASSERT_OK(store_->listens().Insert(NewListen(u.id, "t", 0)));
  EXPECT_ERROR_CODE(store_->listens().Insert(NewListen(u.id, "t", 0)), kConflict);
  ASSERT_OK(store_->listens().Insert(NewListen(u.id, "t", 1)));  // another time is fine
}

TEST_P(StoreConformanceTest, BatchInsertSkipsDuplicatesAndCountsThem) {
  model::User u = NewUser("u");
  ASSERT_OK(store_->listens().Insert(NewListen(u.id, "t0", 0)));
  std::vector<model::Listen> batch = {NewListen(u.id, "t0", 0), NewListen(u.id, "t1", 1),
                                      NewListen(u.id, "t1", 1), NewListen(u.id, "t2", 2)};
  auto result = store_->listens().InsertBatch(batch);
  ASSERT_OK(result);
  EXPECT_EQ(result->inserted, 2);
  EXPECT_EQ(result->duplicates, 2);
  auto again = store_->listens().InsertBatch(batch);  // re-import adds nothing
  ASSERT_OK(again);
  EXPECT_EQ(again->inserted, 0);
  EXPECT_EQ(again->duplicates, 4);
  EXPECT_EQ(store_->listens().CountForUser(u.id).value(), 3);
}

TEST_P(StoreConformanceTest, BatchInsertIsAllOrNothing) {
  model::User u = NewUser("u");
  std::vector<model::Listen> batch = {NewListen(u.id, "t0", 0), NewListen(u.id, "", 1)};
  EXPECT_VALIDATION_FIELD(store_->listens().InsertBatch(batch), "listens[1].trackId");
  batch[1] = NewListen(core::ObjectId::Generate(), "t1", 1);
  EXPECT_ERROR_CODE(store_->listens().InsertBatch(batch), kNotFound);
  batch[1] = NewListen(u.id, "t1", 1);
  batch[1].popularity = 101;
  EXPECT_VALIDATION_FIELD(store_->listens().InsertBatch(batch), "listens[1].popularity");
  EXPECT_EQ(store_->listens().Count().value(), 0);
}

TEST_P(StoreConformanceTest, TopArtistsAndTracksCountPlaysSince) {
  model::User u = NewUser("u");
  model::User other = NewUser("o");
  std::vector<model::Listen> batch = {
      NewListen(u.id, "old", -120, "Old Band"), NewListen(u.id, "a1", 1, "AC/DC"),
      NewListen(u.id, "a1", 2, "AC/DC"),        NewListen(u.id, "a2", 3, "AC/DC"),
      NewListen(u.id, "b1", 4, "Björk"),        NewListen(other.id, "b1", 5, "Björk")};
  ASSERT_OK(store_->listens().InsertBatch(batch));
  auto artists = store_->listens().TopArtists(u.id, clock_.Now(), 10);
  ASSERT_OK(artists);
  ASSERT_EQ(artists->size(), 2u);
  EXPECT_EQ((*artists)[0].artist_name, "AC/DC");
  EXPECT_EQ((*artists)[0].plays, 3);
  EXPECT_EQ((*artists)[0].total_ms, 600000);
  EXPECT_EQ((*artists)[1].artist_name, "Björk");
  EXPECT_EQ((*artists)[1].plays, 1);
  auto tracks = store_->listens().TopTracks(u.id, clock_.Now() - hours(3), 2);
  ASSERT_OK(tracks);
  ASSERT_EQ(tracks->size(), 2u);
  EXPECT_EQ((*tracks)[0].track_id, "a1");
  EXPECT_EQ((*tracks)[0].plays, 2);
  EXPECT_EQ((*tracks)[0].track_name, "Song a1");
  EXPECT_EQ((*tracks)[0].artist_name, "AC/DC");
}

TEST_P(StoreConformanceTest, ListInRangeIsHalfOpenAndOldestFirst) {
  model::User u = NewUser("u");
  for (int i = 0; i < 4; ++i) ASSERT_OK(store_->listens().Insert(NewListen(u.id, "t" + std::to_string(i), i)));
  auto range = store_->listens().ListInRange(u.id, clock_.Now() + minutes(1), clock_.Now() + minutes(3));
  ASSERT_OK(range);
  ASSERT_EQ(range->size(), 2u);
  EXPECT_EQ((*range)[0].track_id, "t1");
  EXPECT_EQ((*range)[1].track_id, "t2");
}

TEST_P(StoreConformanceTest, ScanVisitsEveryListenAndCanStop) {
  model::User a = NewUser("a");
  model::User b = NewUser("b");
  ASSERT_OK(store_->listens().InsertBatch({NewListen(a.id, "1", 0), NewListen(a.id, "2", 1),
                                           NewListen(b.id, "3", 2)}));
  std::vector<std::string> seen;
  ASSERT_OK(store_->listens().Scan([&](const model::Listen& l) {
    seen.push_back(l.track_id);
    return true;
  }));
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"1", "2", "3"}));
  int visits = 0;
  ASSERT_OK(store_->listens().Scan([&](const model::Listen&) { return ++visits < 2; }));
  EXPECT_EQ(visits, 2);
}

TEST_P(StoreConformanceTest, InteractionCountersAreUpdatedInPlace) {
  model::User u = NewUser("u");
  auto l = store_->listens().Insert(NewListen(u.id, "t", 0));
  ASSERT_OK(l);
  ASSERT_OK(store_->listens().IncrementCounters(l->id, 1, 2));
  ASSERT_OK(store_->listens().IncrementCounters(l->id, 1, 0));
  auto got = store_->listens().Recent(u.id, 1);
  EXPECT_EQ(got->front().skip_count, 2);
  EXPECT_EQ(got->front().repeat_count, 2);
  EXPECT_ERROR_CODE(store_->listens().IncrementCounters(core::ObjectId::Generate(), 1, 0), kNotFound);
}

}  // namespace echotune::store::testing
