// Issue 16, durable feedback through RecsService on a real embedded store and
// the real engine, with a fake clock: a dislike outlives the 7-day
// recommendation document it was given on, across a model rebuild.
#include <gtest/gtest.h>

#include <algorithm>

#include "api/recs_service.h"
#include "core/test_util.h"
#include "recs/store_loader.h"

namespace echotune::api {
namespace {

using std::chrono::hours;

model::TrackMetadata Track(int i) {
  model::TrackMetadata t;
  t.spotify_id = "trk" + std::to_string(100 + i);
  t.name = "Song " + std::to_string(i);
  t.artists = {{"art" + std::to_string(i % 30), "Artist " + std::to_string(i % 30)}};
  t.popularity = 90 - i % 50;
  model::AudioFeatures f;
  f.energy = (i % 10) / 10.0;
  f.valence = ((i * 3) % 10) / 10.0;
  f.tempo = 80.0 + i % 40;
  t.audio_features = f;
  t.genres = {i % 2 ? "rock" : "jazz"};
  return t;
}

class DurableFeedback : public ::testing::Test {
 protected:
  void SetUp() override {
    core::Config config;
    config.db_path = (echotune::testing::TempDir("durable-feedback") / "echotune.db").string();
    auto opened = store::OpenStore(config, clock_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    std::vector<model::TrackMetadata> tracks;
    for (int i = 0; i < 80; ++i) tracks.push_back(Track(i));
    ASSERT_TRUE(store_->tracks().UpsertMany(std::move(tracks)).ok());
    user_ = AddListener("listener");
    twin_ = AddListener("twin");  // the same listens, no feedback: the control
  }

  core::ObjectId AddListener(const std::string& spotify_id) {
    model::User u;
    u.spotify_id = spotify_id;
    u.display_name = spotify_id;
    core::ObjectId id = store_->users().UpsertBySpotifyId(u)->id;
    std::vector<model::Listen> listens;
    for (int i = 0; i < 20; ++i) {
      model::Listen l;
      l.user_id = id;
      l.track_id = Track(i).spotify_id;
      l.track_name = Track(i).name;
      l.artist_name = Track(i).artists[0].name;
      l.played_at = clock_.Now() - hours(2) + std::chrono::minutes(i);
      l.duration_ms = 200000;
      listens.push_back(l);
    }
    EXPECT_TRUE(store_->listens().InsertBatch(std::move(listens)).ok());
    return id;
  }

  // A fresh engine built from the store, as after a restart.
  std::unique_ptr<recs::RecEngine> Build() {
    auto engine = std::make_unique<recs::RecEngine>(recs::ModelConfig{}, clock_);
    auto in = recs::LoadEngineInputs(*store_);
    EXPECT_TRUE(in.ok());
    engine->Rebuild(*in);
    return engine;
  }

  static bool Contains(const RecsPage& page, const std::string& id) {
    return std::any_of(page.tracks.begin(), page.tracks.end(),
                       [&](const recs::Candidate& c) { return c.track_id == id; });
  }

  core::FakeClock clock_{core::TimePoint(std::chrono::seconds(1'767'225'600))};  // 2026-01-01
  std::unique_ptr<store::Store> store_;
  core::ObjectId user_, twin_;
};

TEST_F(DurableFeedback, ADislikeStillFiltersTheTrackAfterItsRecommendationExpired) {
  auto engine = Build();
  RecsService svc(*store_, *engine, clock_);
  auto first = svc.Recommend(user_, RecsQuery{});
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_FALSE(first->tracks.empty());
  std::string doomed = first->tracks.front().track_id;
  auto fb = svc.RecordFeedback(user_, {doomed, model::FeedbackAction::kDislike, std::nullopt});
  ASSERT_TRUE(fb.ok()) << fb.error().message;
  EXPECT_EQ(store_->preferences().Get(user_)->track_feedback->disliked_tracks, std::vector<std::string>{doomed});

  clock_.Advance(hours(24 * 8));
  ASSERT_FALSE(store_->recommendations().Latest(user_)->has_value());  // the set and its copy are gone
  auto rebuilt = Build();  // as after a restart: the model is built from the store
  RecsService later_svc(*store_, *rebuilt, clock_);
  for (auto strategy : {recs::Strategy::kHybrid, recs::Strategy::kContent, recs::Strategy::kCollaborative}) {
    RecsQuery q;
    q.strategy = strategy;
    q.limit = 50;
    auto later = later_svc.Recommend(user_, q);
    ASSERT_TRUE(later.ok()) << later.error().message;
    EXPECT_FALSE(Contains(*later, doomed)) << recs::StrategyName(strategy);
  }
  auto twin = later_svc.Recommend(twin_, RecsQuery{});  // same listens, no dislike
  ASSERT_TRUE(twin.ok());
  EXPECT_TRUE(Contains(*twin, doomed));
}

}  // namespace
}  // namespace echotune::api
