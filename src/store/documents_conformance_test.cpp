// The conformance suite, part 3: recommendations, playlists, preferences.
#include "store/store_conformance.h"

namespace echotune::store::testing {

using std::chrono::hours;
using std::chrono::milliseconds;

namespace {

model::Recommendation Rec(const core::ObjectId& user, std::vector<std::string> tracks) {
  model::Recommendation r;
  r.user_id = user;
  r.recommendation_type = model::RecommendationType::kHybrid;
  for (auto& t : tracks) r.tracks.push_back({t, "n", "a", "al", 0.5, model::Strategy::kHybrid, "why"});
  r.confidence_score = 0.7;
  r.parameters.target_features = {{"energy", 0.8}};
  return r;
}

model::Playlist NewPlaylist(const core::ObjectId& user, std::string name, std::string description) {
  model::Playlist p;
  p.user_id = user;
  p.name = std::move(name);
  p.description = std::move(description);
  p.tracks = {{"t1", "One", "A", {}, 7}, {"t2", "Two", "B", {}, 3}};
  return p;
}

}  // namespace

TEST_P(StoreConformanceTest, RecommendationsExpireSevenDaysAfterCreation) {
  model::User u = NewUser("u");
  auto saved = store_->recommendations().Save(Rec(u.id, {"t1", "t2"}));
  ASSERT_OK(saved);
  EXPECT_EQ(saved->created_at, clock_.Now());
  EXPECT_EQ(saved->expires_at, clock_.Now() + hours(24 * 7));
  auto latest = store_->recommendations().Latest(u.id);
  ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->tracks.size(), 2u);
  EXPECT_EQ((*latest)->parameters.target_features.at("energy"), 0.8);
  clock_.Advance(hours(24 * 7) - milliseconds(1));
  EXPECT_TRUE(store_->recommendations().Latest(u.id)->has_value());
  clock_.Advance(milliseconds(1));
  EXPECT_FALSE(store_->recommendations().Latest(u.id)->has_value());
  EXPECT_ERROR_CODE(store_->recommendations().Get(u.id, saved->id), kNotFound);
  EXPECT_TRUE(store_->recommendations().ListSince(u.id, saved->created_at)->empty());
}

TEST_P(StoreConformanceTest, RecommendationsListSinceNewestFirst) {
  model::User u = NewUser("u");
  ASSERT_OK(store_->recommendations().Save(Rec(u.id, {"old"})));
  clock_.Advance(hours(30));
  const auto day_ago = clock_.Now() - hours(24);
  ASSERT_OK(store_->recommendations().Save(Rec(u.id, {"a"})));
  clock_.Advance(hours(1));
  ASSERT_OK(store_->recommendations().Save(Rec(u.id, {"b"})));
  auto recent = store_->recommendations().ListSince(u.id, day_ago);
  ASSERT_OK(recent);
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ((*recent)[0].tracks[0].track_id, "b");
  EXPECT_EQ((*recent)[1].tracks[0].track_id, "a");
  EXPECT_EQ((*store_->recommendations().Latest(u.id))->tracks[0].track_id, "b");
}

TEST_P(StoreConformanceTest, FeedbackIsRecordedAsSets) {
  model::User u = NewUser("u");
  auto first = store_->recommendations().Save(Rec(u.id, {"t1"}));
  clock_.Advance(hours(1));
  ASSERT_OK(store_->recommendations().Save(Rec(u.id, {"t2"})));
  auto fb = store_->recommendations().RecordFeedback(u.id, std::nullopt, "t1",
                                                     model::FeedbackAction::kLike);
  ASSERT_OK(fb);
  EXPECT_EQ(fb->liked_tracks, std::vector<std::string>{"t1"});
  auto target = store_->recommendations().Get(u.id, first->id);  // the one holding t1
  EXPECT_EQ(target->user_feedback.liked_tracks, std::vector<std::string>{"t1"});
  fb = store_->recommendations().RecordFeedback(u.id, first->id, "t1",
                                                model::FeedbackAction::kDislike);
  EXPECT_TRUE(fb->liked_tracks.empty());
  EXPECT_EQ(fb->disliked_tracks, std::vector<std::string>{"t1"});
  ASSERT_OK(store_->recommendations().RecordFeedback(u.id, std::nullopt, "t2",
                                                     model::FeedbackAction::kSave));
  ASSERT_OK(store_->recommendations().RecordFeedback(u.id, std::nullopt, "t2",
                                                     model::FeedbackAction::kSave));
  auto all = store_->recommendations().FeedbackForUser(u.id);
  ASSERT_OK(all);
  EXPECT_EQ(all->disliked_tracks, std::vector<std::string>{"t1"});
  EXPECT_EQ(all->saved_tracks, std::vector<std::string>{"t2"});
  model::User other = NewUser("o");
  EXPECT_ERROR_CODE(store_->recommendations().RecordFeedback(other.id, first->id, "t1",
                                                             model::FeedbackAction::kLike),
                    kNotFound);
}

TEST_P(StoreConformanceTest, RecommendationsAreValidatedAndNeedAUser) {
  model::User u = NewUser("u");
  auto rec = Rec(u.id, {"t1", "t2"});
  rec.tracks[1].score = 1.5;
  EXPECT_VALIDATION_FIELD(store_->recommendations().Save(rec), "tracks[1].score");
  rec.tracks[1].score = 0.5;
  rec.confidence_score = -0.1;
  EXPECT_VALIDATION_FIELD(store_->recommendations().Save(rec), "confidence_score");
  EXPECT_ERROR_CODE(store_->recommendations().Save(Rec(core::ObjectId::Generate(), {"t"})), kNotFound);
  EXPECT_FALSE(store_->recommendations().Latest(u.id)->has_value());
}

TEST_P(StoreConformanceTest, PlaylistsKeepPositionsAndTrackCount) {
  model::User u = NewUser("u");
  auto p = store_->playlists().Create(NewPlaylist(u.id, "Run", "fast songs"));
  ASSERT_OK(p);
  EXPECT_EQ(p->track_count, 2);
  EXPECT_EQ(p->tracks[0].position, 0);
  EXPECT_EQ(p->tracks[1].position, 1);
  EXPECT_EQ(p->tracks[0].added_at, clock_.Now());
  EXPECT_FALSE(p->is_public);
  EXPECT_FALSE(p->collaborative);
  auto replaced = store_->playlists().ReplaceTracks(
      p->id, {{"t3", "Three", "C", {}, 9}, {"t1", "One", "A", {}, 0}, {"t4", "Four", "D", {}, 0}});
  ASSERT_OK(replaced);
  EXPECT_EQ(replaced->track_count, 3);
  EXPECT_EQ(replaced->tracks[2].position, 2);
  auto got = store_->playlists().Get(p->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->tracks[0].track_id, "t3");
  EXPECT_EQ(got->track_count, 3);
  auto renamed = store_->playlists().UpdateInfo(p->id, "Sprint", std::nullopt);
  ASSERT_OK(renamed);
  EXPECT_EQ(renamed->name, "Sprint");
  EXPECT_EQ(renamed->description, "fast songs");
  EXPECT_VALIDATION_FIELD(store_->playlists().UpdateInfo(p->id, "", std::nullopt), "name");
  EXPECT_VALIDATION_FIELD(store_->playlists().ReplaceTracks(p->id, {{"", "x", "y", {}, 0}}),
                          "tracks[0].trackId");
  ASSERT_OK(store_->playlists().Delete(p->id));
  EXPECT_ERROR_CODE(store_->playlists().Get(p->id), kNotFound);
  EXPECT_ERROR_CODE(store_->playlists().Create(NewPlaylist(core::ObjectId::Generate(), "x", "")),
                    kNotFound);
}

TEST_P(StoreConformanceTest, PlaylistsPageNewestFirstWithTotal) {
  model::User u = NewUser("u");
  for (int i = 0; i < 5; ++i) {
    ASSERT_OK(store_->playlists().Create(NewPlaylist(u.id, "P" + std::to_string(i), "")));
    clock_.Advance(hours(1));
  }
  auto page = store_->playlists().ListByUser(u.id, 1, 2);
  ASSERT_OK(page);
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].name, "P3");
  EXPECT_EQ(page->items[1].name, "P2");
}

TEST_P(StoreConformanceTest, PlaylistTextSearchCoversNameAndDescription) {
  model::User u = NewUser("u");
  model::User other = NewUser("o");
  ASSERT_OK(store_->playlists().Create(NewPlaylist(u.id, "Morning Workout", "energetic rock")));
  ASSERT_OK(store_->playlists().Create(NewPlaylist(u.id, "Evening", "calm piano for study")));
  ASSERT_OK(store_->playlists().Create(NewPlaylist(other.id, "Workout", "someone else's")));
  auto hits = store_->playlists().Search(u.id, "workout", 10);
  ASSERT_OK(hits);
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].name, "Morning Workout");
  hits = store_->playlists().Search(u.id, "PIANO", 10);
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].name, "Evening");
  EXPECT_EQ(store_->playlists().Search(u.id, "rock study", 10)->size(), 2u);
  EXPECT_TRUE(store_->playlists().Search(u.id, "jazz", 10)->empty());
  EXPECT_TRUE(store_->playlists().Search(u.id, "\" OR * (", 10)->empty());
  auto p = store_->playlists().Search(u.id, "evening", 10)->front();
  ASSERT_OK(store_->playlists().UpdateInfo(p.id, "Night", std::nullopt));
  EXPECT_TRUE(store_->playlists().Search(u.id, "evening", 10)->empty());
  EXPECT_EQ(store_->playlists().Search(u.id, "night", 10)->size(), 1u);
}

TEST_P(StoreConformanceTest, SpotifyPlaylistIdIsUniqueButSparse) {
  model::User u = NewUser("u");
  ASSERT_OK(store_->playlists().Create(NewPlaylist(u.id, "A", "")));
  auto b = store_->playlists().Create(NewPlaylist(u.id, "B", ""));  // both without: fine
  ASSERT_OK(b);
  auto c = NewPlaylist(u.id, "C", "");
  c.spotify_playlist_id = "37i9dQZF1DX4rfAQfAp5iu";
  ASSERT_OK(store_->playlists().Create(c));
  EXPECT_ERROR_CODE(store_->playlists().Create(c), kConflict);
  EXPECT_ERROR_CODE(store_->playlists().SetSpotifyPlaylistId(b->id, "37i9dQZF1DX4rfAQfAp5iu"),
                    kConflict);
  ASSERT_OK(store_->playlists().SetSpotifyPlaylistId(b->id, "other"));
  EXPECT_EQ(store_->playlists().Get(b->id)->spotify_playlist_id, "other");
}

TEST_P(StoreConformanceTest, PreferencesDefaultThenPartialUpserts) {
  model::User u = NewUser("u");
  auto defaults = store_->preferences().Get(u.id);
  ASSERT_OK(defaults);
  EXPECT_TRUE(defaults->explicit_content);
  EXPECT_FALSE(defaults->email_notifications);
  EXPECT_TRUE(defaults->id.IsZero());
  auto first = store_->preferences().Upsert(u.id, {.llm_provider = model::LlmProvider::kGemini,
                                                   .energy_level = 0.8});
  ASSERT_OK(first);
  EXPECT_FALSE(first->id.IsZero());
  clock_.Advance(hours(1));
  auto second = store_->preferences().Upsert(u.id, {.theme = model::Theme::kLight,
                                                    .language = std::string("en")});
  ASSERT_OK(second);
  EXPECT_EQ(second->id, first->id);
  EXPECT_EQ(second->created_at, first->created_at);
  EXPECT_EQ(second->updated_at, clock_.Now());
  auto got = store_->preferences().Get(u.id);
  EXPECT_EQ(got->llm_provider, model::LlmProvider::kGemini);
  EXPECT_EQ(got->energy_level, 0.8);
  EXPECT_EQ(got->theme, model::Theme::kLight);
  EXPECT_EQ(got->language, "en");
  EXPECT_VALIDATION_FIELD(store_->preferences().Upsert(u.id, {.energy_level = 2.0}), "energyLevel");
  EXPECT_VALIDATION_FIELD(store_->preferences().Upsert(u.id, {.language = std::string("xx")}),
                          "language");
  EXPECT_ERROR_CODE(store_->preferences().Upsert(core::ObjectId::Generate(), {}), kNotFound);
  EXPECT_ERROR_CODE(store_->preferences().Get(core::ObjectId::Generate()), kNotFound);
}

}  // namespace echotune::store::testing
