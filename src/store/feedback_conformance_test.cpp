// The conformance suite, part 5: durable explicit feedback (issue 16), the
// trackFeedback field of user_preferences and store::EffectiveFeedback.
#include "store/explicit_feedback.h"
#include "store/store_conformance.h"

namespace echotune::store::testing {

using std::chrono::hours;
using Ids = std::vector<std::string>;

namespace {

model::Recommendation RecWith(const core::ObjectId& user, const std::string& track) {
  model::Recommendation r;
  r.user_id = user;
  r.recommendation_type = model::RecommendationType::kHybrid;
  r.tracks.push_back({track, "n", "a", "al", 0.5, model::Strategy::kHybrid, "why"});
  return r;
}

}  // namespace

TEST_P(StoreConformanceTest, TrackFeedbackIsKeptAsSetsInThePreferencesDocument) {
  model::User u = NewUser("u");
  auto& prefs = store_->preferences();
  EXPECT_FALSE(prefs.Get(u.id)->track_feedback.has_value());
  auto fb = prefs.AddTrackFeedback(u.id, model::FeedbackAction::kLike, {"t1", "t2", "t1"});
  ASSERT_OK(fb);
  EXPECT_EQ(fb->liked_tracks, (Ids{"t1", "t2"}));
  auto created = prefs.Get(u.id);  // the document was created with its defaults
  ASSERT_OK(created);
  EXPECT_FALSE(created->id.IsZero());
  EXPECT_TRUE(created->explicit_content);
  EXPECT_EQ(created->created_at, clock_.Now());

  clock_.Advance(hours(1));
  fb = prefs.AddTrackFeedback(u.id, model::FeedbackAction::kDislike, {"t1"});  // a dislike removes the like
  ASSERT_OK(fb);
  EXPECT_EQ(fb->liked_tracks, Ids{"t2"});
  EXPECT_EQ(fb->disliked_tracks, Ids{"t1"});
  ASSERT_OK(prefs.AddTrackFeedback(u.id, model::FeedbackAction::kSave, {"t3"}));
  fb = prefs.AddTrackFeedback(u.id, model::FeedbackAction::kSave, {"t3"});
  EXPECT_EQ(fb->saved_tracks, Ids{"t3"});
  fb = prefs.AddTrackFeedback(u.id, model::FeedbackAction::kLike, {"t1"});  // and a like the dislike
  EXPECT_EQ(fb->liked_tracks, (Ids{"t2", "t1"}));
  EXPECT_TRUE(fb->disliked_tracks.empty());
  auto got = prefs.Get(u.id);
  EXPECT_EQ(got->updated_at, clock_.Now());
  EXPECT_EQ(got->created_at, created->created_at);
  EXPECT_EQ(got->track_feedback->saved_tracks, Ids{"t3"});
}

TEST_P(StoreConformanceTest, TrackFeedbackAndSettingsPatchesKeepEachOther) {
  model::User u = NewUser("u");
  auto& prefs = store_->preferences();
  ASSERT_OK(prefs.Upsert(u.id, {.theme = model::Theme::kDark}));
  ASSERT_OK(prefs.AddTrackFeedback(u.id, model::FeedbackAction::kDislike, {"t9"}));
  ASSERT_OK(prefs.Upsert(u.id, {.energy_level = 0.4}));
  auto got = prefs.Get(u.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->theme, model::Theme::kDark);
  EXPECT_EQ(got->energy_level, 0.4);
  ASSERT_TRUE(got->track_feedback.has_value());
  EXPECT_EQ(got->track_feedback->disliked_tracks, Ids{"t9"});
}

TEST_P(StoreConformanceTest, TrackFeedbackIsValidatedAndNeedsAUser) {
  model::User u = NewUser("u");
  EXPECT_VALIDATION_FIELD(store_->preferences().AddTrackFeedback(u.id, model::FeedbackAction::kLike, {"t1", ""}),
                          "trackId");
  EXPECT_FALSE(store_->preferences().Get(u.id)->track_feedback.has_value());  // nothing written
  EXPECT_ERROR_CODE(store_->preferences().AddTrackFeedback(core::ObjectId::Generate(),
                                                           model::FeedbackAction::kLike, {"t1"}),
                    kNotFound);
}

TEST_P(StoreConformanceTest, EffectiveFeedbackOutlivesTheRecommendationsItWasGivenOn) {
  model::User u = NewUser("u");
  auto rec = store_->recommendations().Save(RecWith(u.id, "t1"));
  ASSERT_OK(rec);
  // t1 disliked through both copies (as the API writes it); t5 only in the set
  // (feedback from before the durable field existed).
  ASSERT_OK(store_->recommendations().RecordFeedback(u.id, rec->id, "t1", model::FeedbackAction::kDislike));
  ASSERT_OK(store_->preferences().AddTrackFeedback(u.id, model::FeedbackAction::kDislike, {"t1"}));
  ASSERT_OK(store_->recommendations().RecordFeedback(u.id, rec->id, "t5", model::FeedbackAction::kLike));
  auto now = EffectiveFeedback(*store_, u.id);
  ASSERT_OK(now);
  EXPECT_EQ(now->disliked_tracks, Ids{"t1"});
  EXPECT_EQ(now->liked_tracks, Ids{"t5"});

  clock_.Advance(hours(24 * 8));  // the set has expired
  EXPECT_TRUE(store_->recommendations().FeedbackForUser(u.id)->disliked_tracks.empty());
  auto later = EffectiveFeedback(*store_, u.id);
  ASSERT_OK(later);
  EXPECT_EQ(later->disliked_tracks, Ids{"t1"});
  EXPECT_TRUE(later->liked_tracks.empty());
}

TEST_P(StoreConformanceTest, EffectiveFeedbackPrefersTheDurableState) {
  model::User u = NewUser("u");
  auto rec = store_->recommendations().Save(RecWith(u.id, "t1"));
  ASSERT_OK(rec);
  ASSERT_OK(store_->recommendations().RecordFeedback(u.id, rec->id, "t1", model::FeedbackAction::kDislike));
  ASSERT_OK(store_->preferences().AddTrackFeedback(u.id, model::FeedbackAction::kLike, {"t1"}));
  auto fb = EffectiveFeedback(*store_, u.id);
  ASSERT_OK(fb);
  EXPECT_EQ(fb->liked_tracks, Ids{"t1"});
  EXPECT_TRUE(fb->disliked_tracks.empty());
  EXPECT_ERROR_CODE(EffectiveFeedback(*store_, core::ObjectId::Generate()), kNotFound);
}

}  // namespace echotune::store::testing
