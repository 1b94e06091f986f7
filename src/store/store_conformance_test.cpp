// The conformance suite, part 1: fixture, users, cascade delete, indexes.
// (See store_conformance.h for how a backend joins.)
#include "store/store_conformance.h"

#include "store/index_spec.h"

namespace echotune::store::testing {

using core::ErrorCode;
using std::chrono::hours;
using std::chrono::minutes;

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) { return info.param.name; }

void StoreConformanceTest::SetUp() {
  auto store = GetParam().make(clock_);
  if (!store.ok() && store.error().code == ErrorCode::kUnavailable) {
    GTEST_SKIP() << GetParam().name << " skipped: " << store.error().message;
  }
  ASSERT_TRUE(store.ok()) << store.error().message;
  store_ = std::move(store).value();
}

model::User StoreConformanceTest::NewUser(const std::string& spotify_id) {
  model::User u;
  u.spotify_id = spotify_id;
  u.display_name = "User " + spotify_id;
  auto stored = store_->users().UpsertBySpotifyId(u);
  EXPECT_TRUE(stored.ok()) << stored.error().message;
  return stored.ok() ? *stored : u;
}

model::Listen StoreConformanceTest::NewListen(const core::ObjectId& user, const std::string& track,
                                              int minutes_after, const std::string& artist) {
  model::Listen l;
  l.user_id = user;
  l.track_id = track;
  l.track_name = "Song " + track;
  l.artist_name = artist;
  l.album_name = "Album";
  l.played_at = clock_.Now() + minutes(minutes_after);
  l.duration_ms = 200000;
  return l;
}

model::TrackMetadata StoreConformanceTest::NewTrack(const std::string& id, double energy,
                                                    int64_t popularity,
                                                    std::vector<std::string> genres) {
  model::TrackMetadata t;
  t.spotify_id = id;
  t.name = "Track " + id;
  t.artists = {{"a-" + id, "Artist " + id}};
  t.popularity = popularity;
  t.audio_features = model::AudioFeatures{};
  t.audio_features->energy = energy;
  t.audio_features->valence = 0.5;
  t.genres = std::move(genres);
  return t;
}

TEST_P(StoreConformanceTest, UpsertCreatesUserWithContractDefaults) {
  model::User u = NewUser("sp1");
  EXPECT_FALSE(u.id.IsZero());
  EXPECT_FALSE(u.premium);
  EXPECT_EQ(u.followers, 0);
  EXPECT_EQ(u.tier, model::Tier::kFree);
  EXPECT_TRUE(u.is_active);
  EXPECT_EQ(u.created_at, clock_.Now());
  auto got = store_->users().Get(u.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->spotify_id, "sp1");
  EXPECT_EQ(got->display_name, "User sp1");
}

TEST_P(StoreConformanceTest, UpsertBySpotifyIdUpdatesKeepingIdAndCreatedAt) {
  model::User first = NewUser("sp1");
  clock_.Advance(hours(1));
  model::User change = first;
  change.display_name = "Renamed";
  change.premium = true;
  change.country = "DE";
  auto second = store_->users().UpsertBySpotifyId(change);
  ASSERT_OK(second);
  EXPECT_EQ(second->id, first.id);
  EXPECT_EQ(second->created_at, first.created_at);
  EXPECT_EQ(second->updated_at, clock_.Now());
  auto got = store_->users().GetBySpotifyId("sp1");
  ASSERT_OK(got);
  EXPECT_EQ(got->display_name, "Renamed");
  EXPECT_TRUE(got->premium);
  EXPECT_EQ(store_->users().Count().value(), 1);
}

TEST_P(StoreConformanceTest, UnknownUsersAreNotFound) {
  EXPECT_ERROR_CODE(store_->users().Get(core::ObjectId::Generate()), kNotFound);
  EXPECT_ERROR_CODE(store_->users().GetBySpotifyId("nobody"), kNotFound);
  EXPECT_ERROR_CODE(store_->users().TouchLastActive(core::ObjectId::Generate()), kNotFound);
  EXPECT_ERROR_CODE(store_->users().Delete(core::ObjectId::Generate()), kNotFound);
  EXPECT_FALSE(store_->users().Exists(core::ObjectId::Generate()).value());
}

TEST_P(StoreConformanceTest, TokensRoundTripButNeverAppearInApiJson) {
  model::User u;
  u.spotify_id = "sp1";
  u.display_name = "Alex";
  u.access_token = "BQA-access";
  u.refresh_token = "AQD-refresh";
  u.token_expires_at = clock_.Now() + hours(1);
  auto stored = store_->users().UpsertBySpotifyId(u);
  ASSERT_OK(stored);
  auto got = store_->users().Get(stored->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->access_token, "BQA-access");
  EXPECT_EQ(got->refresh_token, "AQD-refresh");
  auto json = model::ToJson(*got);
  EXPECT_FALSE(json.contains("accessToken"));
  EXPECT_FALSE(json.contains("refreshToken"));
  ASSERT_OK(store_->users().UpdateTokens(got->id, "BQA-new", std::nullopt, clock_.Now()));
  got = store_->users().Get(stored->id);
  EXPECT_EQ(got->access_token, "BQA-new");
  EXPECT_EQ(got->refresh_token, "AQD-refresh");
}

TEST_P(StoreConformanceTest, EmailIsUniqueButSparse) {
  NewUser("a");
  NewUser("b");  // neither has an email: sparse allows both
  model::User c;
  c.spotify_id = "c";
  c.display_name = "C";
  c.email = "same@example.com";
  ASSERT_OK(store_->users().UpsertBySpotifyId(c));
  c.spotify_id = "d";
  EXPECT_ERROR_CODE(store_->users().UpsertBySpotifyId(c), kConflict);
  EXPECT_EQ(store_->users().Count().value(), 3);
  EXPECT_EQ(store_->users().ListIds().value().size(), 3u);
}

TEST_P(StoreConformanceTest, InvalidUsersAreRefusedAndNothingIsWritten) {
  model::User u;
  u.spotify_id = "sp1";
  EXPECT_VALIDATION_FIELD(store_->users().UpsertBySpotifyId(u), "displayName");
  u.display_name = "A";
  u.country = "USA";
  EXPECT_VALIDATION_FIELD(store_->users().UpsertBySpotifyId(u), "country");
  u.country = "US";
  u.preferences.audio_features_preferences.energy = 1.5;
  EXPECT_VALIDATION_FIELD(store_->users().UpsertBySpotifyId(u),
                          "preferences.audio_features_preferences.energy");
  EXPECT_EQ(store_->users().Count().value(), 0);
}

TEST_P(StoreConformanceTest, TouchLastActiveSetsNow) {
  model::User u = NewUser("sp1");
  clock_.Advance(minutes(5));
  ASSERT_OK(store_->users().TouchLastActive(u.id));
  EXPECT_EQ(store_->users().Get(u.id)->last_active, clock_.Now());
  EXPECT_TRUE(store_->users().Exists(u.id).value());
}

TEST_P(StoreConformanceTest, PreferenceSummaryUpdateSetsOnlyThePresentFields) {
  model::User u = NewUser("sp1");
  u.preferences.preferred_artists = {"art1"};
  u.preferences.audio_features_preferences.valence = 0.4;
  ASSERT_OK(store_->users().UpsertBySpotifyId(u));
  clock_.Advance(minutes(1));
  ASSERT_OK(store_->users().UpdatePreferenceSummary(u.id, {.favorite_genres = {{"jazz", "rock"}}}));
  auto got = store_->users().Get(u.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->preferences.favorite_genres, (std::vector<std::string>{"jazz", "rock"}));
  EXPECT_FALSE(got->preferences.audio_features_preferences.energy.has_value());
  EXPECT_EQ(got->updated_at, clock_.Now());
  ASSERT_OK(store_->users().UpdatePreferenceSummary(u.id, {.energy = 0.7}));
  got = store_->users().Get(u.id);
  EXPECT_EQ(got->preferences.favorite_genres, (std::vector<std::string>{"jazz", "rock"}));
  EXPECT_EQ(got->preferences.audio_features_preferences.energy, 0.7);
  EXPECT_EQ(got->preferences.audio_features_preferences.valence, 0.4);  // not shared: kept
  EXPECT_EQ(got->preferences.preferred_artists, (std::vector<std::string>{"art1"}));
  EXPECT_EQ(got->display_name, u.display_name);
  EXPECT_VALIDATION_FIELD(store_->users().UpdatePreferenceSummary(u.id, {.energy = 1.5}),
                          "preferences.audio_features_preferences.energy");
  EXPECT_EQ(store_->users().Get(u.id)->preferences.audio_features_preferences.energy, 0.7);
  EXPECT_ERROR_CODE(store_->users().UpdatePreferenceSummary(core::ObjectId::Generate(), {.energy = 0.1}),
                    kNotFound);
}

TEST_P(StoreConformanceTest, DeletingAUserDeletesEverythingTheUserOwns) {
  model::User u = NewUser("gone");
  model::User other = NewUser("stays");
  for (const auto& owner : {u.id, other.id}) {
    ASSERT_OK(store_->listens().Insert(NewListen(owner, "t1", 1)));
    model::Recommendation rec;
    rec.user_id = owner;
    rec.tracks = {{"t1", "n", "a", "al", 0.9, model::Strategy::kContent, "r"}};
    ASSERT_OK(store_->recommendations().Save(rec));
    model::Playlist p;
    p.user_id = owner;
    p.name = "Mix";
    ASSERT_OK(store_->playlists().Create(p));
    ASSERT_OK(store_->preferences().Upsert(owner, {.theme = model::Theme::kDark}));
    model::AnalyticsEvent e;
    e.user_id = owner;
    e.timestamp = clock_.Now();
    ASSERT_OK(store_->analytics().Insert(e));
    model::ChatSession s;
    s.user_id = owner;
    ASSERT_OK(store_->chat_sessions().Create(s));
  }
  ASSERT_OK(store_->users().Delete(u.id));
  EXPECT_ERROR_CODE(store_->users().Get(u.id), kNotFound);
  EXPECT_EQ(store_->listens().CountForUser(u.id).value(), 0);
  EXPECT_FALSE(store_->recommendations().Latest(u.id).value().has_value());
  EXPECT_EQ(store_->playlists().ListByUser(u.id, 0, 10)->total, 0);
  EXPECT_TRUE(store_->playlists().Search(u.id, "Mix", 10)->empty());
  EXPECT_TRUE(store_->analytics().Query({.user_id = u.id})->empty());
  EXPECT_TRUE(store_->chat_sessions().ListRecent(u.id, 10)->empty());
  EXPECT_ERROR_CODE(store_->preferences().Get(u.id), kNotFound);
  // The other user's data is untouched.
  EXPECT_EQ(store_->listens().CountForUser(other.id).value(), 1);
  EXPECT_TRUE(store_->recommendations().Latest(other.id).value().has_value());
  EXPECT_EQ(store_->playlists().ListByUser(other.id, 0, 10)->total, 1);
  EXPECT_EQ(store_->playlists().Search(other.id, "Mix", 10)->size(), 1u);
  EXPECT_EQ(store_->analytics().Query({.user_id = other.id})->size(), 1u);
  EXPECT_EQ(store_->chat_sessions().ListRecent(other.id, 10)->size(), 1u);
  EXPECT_EQ(store_->preferences().Get(other.id)->theme, model::Theme::kDark);
}

TEST_P(StoreConformanceTest, ReportedIndexesEqualTheIndexTable) {
  auto indexes = store_->ListIndexes();
  ASSERT_OK(indexes);
  const auto expected = ExpectedIndexes();
  ASSERT_EQ(indexes->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*indexes)[i], expected[i])
        << "at " << expected[i].collection << "." << expected[i].spec.name << " got "
        << (*indexes)[i].collection << "." << (*indexes)[i].spec.name;
  }
}

TEST_P(StoreConformanceTest, InitIsIdempotentAndSaysWhatItFound) {
  ASSERT_OK(store_->Init());  // may report what opening the store created
  auto again = store_->Init();
  ASSERT_OK(again);
  ASSERT_FALSE(again->empty());
  for (const auto& line : *again) EXPECT_EQ(line.rfind("found ", 0), 0u) << line;
  ASSERT_OK(store_->Ping());
}

TEST_P(StoreConformanceTest, SweepExpiredIsSafeToCallAnyTime) {
  auto swept = store_->SweepExpired();
  ASSERT_OK(swept);
  EXPECT_GE(*swept, 0);
}

}  // namespace echotune::store::testing
