// What the Mongo backend writes, read back raw: native BSON types, encrypted
// tokens, TTL fields; and what it refuses at open. Against mongo-wire.
#include <gtest/gtest.h>

#include <thread>

#include "store/index_spec.h"
#include "store/mongo/collection_ref.h"
#include "store/mongo/mongo_context.h"
#include "store/mongo/mongo_test_backends.h"

namespace echotune::store::mongo {
namespace {

class MongoStorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto uri = testing::ServerUri(testing::Server::kWireStandalone);
    ASSERT_TRUE(uri.ok()) << uri.error().message;
    config_ = testing::TestConfig(*uri, testing::FreshDatabaseName());
    auto cipher = TokenCipher::FromHex(testing::kTestTokenKey);
    auto store = OpenMongoStore(config_, clock_, *cipher);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
    auto pool = ClientPool::Open(config_);
    ASSERT_TRUE(pool.ok());
    pool_ = std::move(pool).value();
  }
  void TearDown() override {
    store_.reset();
    pool_.reset();
    testing::DropDatabase(config_.mongodb_uri, config_.mongodb_db_name);
  }

  // The one stored document of `coll` matching {key: id}.
  Bson Raw(const char* coll, const core::ObjectId& id, const char* key = "_id") {
    auto doc = CollectionRef(*pool_, coll).FindOne(IdFilter(id, key), NoOpts());
    EXPECT_TRUE(doc.ok() && doc->has_value());
    return doc.ok() && doc->has_value() ? std::move(**doc) : Bson();
  }

  model::User SavedUser() {
    model::User u;
    u.spotify_id = "spotify-raw";
    u.display_name = "Raw";
    u.access_token = "BQA-secret-access";
    u.refresh_token = "AQD-secret-refresh";
    u.token_expires_at = clock_.Now();
    auto saved = store_->users().UpsertBySpotifyId(u);
    EXPECT_TRUE(saved.ok());
    return saved.ok() ? *saved : u;
  }

  core::FakeClock clock_{std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now())};
  core::Config config_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<ClientPool> pool_;
};

bson_type_t TypeAt(const Bson& doc, const char* dotted) {
  bson_iter_t it, found;
  if (!bson_iter_init(&it, doc.get()) || !bson_iter_find_descendant(&it, dotted, &found)) return BSON_TYPE_EOD;
  return bson_iter_type(&found);
}

TEST_F(MongoStorageTest, IdsAreObjectIdsAndDatesAreUtcDatetimes) {
  model::User u = SavedUser();
  model::Listen l;
  l.user_id = u.id;
  l.track_id = "t1";
  l.track_name = "Song";
  l.artist_name = "Artist";
  l.played_at = clock_.Now();
  l.duration_ms = 1000;
  auto listen = store_->listens().Insert(l);
  ASSERT_TRUE(listen.ok()) << listen.error().message;
  Bson raw = Raw(collections::kListeningHistory, listen->id);
  EXPECT_EQ(TypeAt(raw, "_id"), BSON_TYPE_OID);
  EXPECT_EQ(TypeAt(raw, "userId"), BSON_TYPE_OID);
  EXPECT_EQ(TypeAt(raw, "playedAt"), BSON_TYPE_DATE_TIME);
  EXPECT_EQ(TypeAt(raw, "createdAt"), BSON_TYPE_DATE_TIME);
  EXPECT_EQ(TypeAt(raw, "durationMs"), BSON_TYPE_INT64);
  EXPECT_EQ(TypeAt(raw, "context"), BSON_TYPE_DOCUMENT);
  EXPECT_EQ(BsonView(raw.get()).Time("playedAt"), clock_.Now());
}

TEST_F(MongoStorageTest, NestedDatesAndArraysKeepTheirTypes) {
  model::User u = SavedUser();
  model::Playlist p;
  p.user_id = u.id;
  p.name = "Mix";
  p.tracks = {{"t1", "One", "A", {}, 0}, {"t2", "Two", "B", {}, 0}};
  auto created = store_->playlists().Create(p);
  ASSERT_TRUE(created.ok()) << created.error().message;
  Bson raw = Raw(collections::kPlaylists, created->id);
  EXPECT_EQ(TypeAt(raw, "tracks"), BSON_TYPE_ARRAY);
  EXPECT_EQ(TypeAt(raw, "tracks.1.addedAt"), BSON_TYPE_DATE_TIME);
  EXPECT_EQ(BsonView(raw.get()).Int("trackCount"), 2);
}

TEST_F(MongoStorageTest, TokensAreEncryptedAtRestAndDecryptedOnRead) {
  model::User u = SavedUser();
  Bson raw = Raw(collections::kUsers, u.id);
  auto access = BsonView(raw.get()).String("accessToken");
  ASSERT_TRUE(access.has_value());
  EXPECT_EQ(access->rfind("v1:", 0), 0u);
  EXPECT_EQ(raw.ToJson().find("secret"), std::string::npos);
  auto back = store_->users().Get(u.id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->access_token, "BQA-secret-access");
  EXPECT_EQ(back->refresh_token, "AQD-secret-refresh");
}

TEST_F(MongoStorageTest, RecommendationsCarryTheTtlFieldSevenDaysAhead) {
  model::User u = SavedUser();
  model::Recommendation r;
  r.user_id = u.id;
  r.tracks = {{"t1", "One", "A", "Al", 0.9, model::Strategy::kContent, "because"}};
  auto saved = store_->recommendations().Save(r);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  Bson raw = Raw(collections::kRecommendations, saved->id);
  EXPECT_EQ(TypeAt(raw, "expiresAt"), BSON_TYPE_DATE_TIME);
  EXPECT_EQ(BsonView(raw.get()).Time("expiresAt"), clock_.Now() + model::kRecommendationTtl);
}

TEST_F(MongoStorageTest, SweepDeletesWhatTheInjectedClockCallsExpired) {
  model::User u = SavedUser();
  model::Recommendation r;
  r.user_id = u.id;
  ASSERT_TRUE(store_->recommendations().Save(r).ok());
  clock_.Advance(model::kRecommendationTtl);
  auto swept = store_->SweepExpired();
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(*swept, 1);
}

// Compare-and-set read-modify-write: concurrent writers never lose each other's changes.
TEST_F(MongoStorageTest, ConcurrentFeedbackOnOneRecommendationLosesNothing) {
  model::User u = SavedUser();
  model::Recommendation r;
  r.user_id = u.id;
  auto saved = store_->recommendations().Save(r);
  ASSERT_TRUE(saved.ok());
  auto like = [&](const std::string& prefix) {
    for (int i = 0; i < 10; ++i) {
      auto f = store_->recommendations().RecordFeedback(u.id, saved->id, prefix + std::to_string(i),
                                                        model::FeedbackAction::kLike);
      EXPECT_TRUE(f.ok()) << f.error().message;
    }
  };
  std::thread a(like, "a"), b(like, "b");
  a.join();
  b.join();
  auto all = store_->recommendations().FeedbackForUser(u.id);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->liked_tracks.size(), 20u);
}

TEST_F(MongoStorageTest, ConcurrentPlaylistEditsLoseNothing) {
  model::User u = SavedUser();
  model::Playlist p;
  p.user_id = u.id;
  p.name = "Start";
  auto created = store_->playlists().Create(p);
  ASSERT_TRUE(created.ok());
  std::thread renamer([&] {
    for (int i = 0; i < 10; ++i) EXPECT_TRUE(store_->playlists().UpdateInfo(created->id, "Name " + std::to_string(i), std::nullopt).ok());
  });
  std::thread filler([&] {
    std::vector<model::PlaylistTrack> tracks;
    for (int i = 0; i < 10; ++i) {
      tracks.push_back({"t" + std::to_string(i), "T", "A", {}, 0});
      EXPECT_TRUE(store_->playlists().ReplaceTracks(created->id, tracks).ok());
    }
  });
  renamer.join();
  filler.join();
  auto final_state = store_->playlists().Get(created->id);
  ASSERT_TRUE(final_state.ok());
  EXPECT_EQ(final_state->name, "Name 9");
  EXPECT_EQ(final_state->track_count, 10);
}

TEST(OpenMongoStore, RefusesToStartWithoutATokenKey) {
  core::Config config = testing::TestConfig("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100", "x");
  config.token_key.clear();
  auto cipher = TokenCipher::FromHex(testing::kTestTokenKey);
  auto store = OpenMongoStore(config, core::SystemClock::Instance(), *cipher);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, core::ErrorCode::kValidationError);
  EXPECT_EQ(store.error().details.at("field").as_string(), "ECHOTUNE_TOKEN_KEY");
}

TEST(OpenMongoStore, ThroughOpenStoreAlsoRefusesWithoutATokenKey) {
  core::Config config = testing::TestConfig("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100", "x");
  config.token_key.clear();
  auto store = OpenStore(config, core::SystemClock::Instance());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, core::ErrorCode::kValidationError);
}

TEST(OpenMongoStore, AnUnreachableServerIsServiceUnavailable) {
  core::Config config = testing::TestConfig("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200", "x");
  auto cipher = TokenCipher::FromHex(testing::kTestTokenKey);
  auto store = OpenMongoStore(config, core::SystemClock::Instance(), *cipher);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, core::ErrorCode::kUnavailable) << store.error().message;
}

}  // namespace
}  // namespace echotune::store::mongo
