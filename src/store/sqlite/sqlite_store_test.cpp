// The embedded backend: the conformance suite on real SQLite files, plus what
// only SQLite has (tables an operator can inspect, the sweeper, tokens at rest).
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/config.h"
#include "core/test_util.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/sweeper.h"
#include "store/store_conformance.h"

namespace echotune::store::sqlite {
namespace {

using std::chrono::hours;
using testing::Backend;
using testing::StoreConformanceTest;

const TokenCipher& TestCipher() {
  static const TokenCipher cipher = TokenCipher::FromHex(std::string(64, 'a')).value();
  return cipher;
}

Backend SqliteBackend() {
  return {"Sqlite", [](const core::Clock& clock) {
            auto dir = echotune::testing::TempDir("store");
            return OpenSqliteStore((dir / "echotune.db").string(), clock, TestCipher(),
                                   {.start_sweeper = false});
          }};
}

INSTANTIATE_TEST_SUITE_P(Embedded, StoreConformanceTest, ::testing::Values(SqliteBackend()),
                         testing::BackendName);

// Runs one query on the file with a separate handle, as an operator would.
std::string Query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  std::ostringstream out;
  sqlite3_exec(
      db, sql.c_str(),
      [](void* o, int n, char** values, char**) {
        for (int i = 0; i < n; ++i) *static_cast<std::ostringstream*>(o) << (values[i] ? values[i] : "NULL") << "|";
        return 0;
      },
      &out, nullptr);
  sqlite3_close(db);
  return out.str();
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (echotune::testing::TempDir("sqlite") / "echotune.db").string();
    store_ = OpenSqliteStore(path_, clock_, TestCipher(), {.start_sweeper = false}).value();
  }
  model::User NewUser() {
    model::User u;
    u.spotify_id = "sp";
    u.display_name = "Alex";
    u.access_token = "plain-access-token";
    return store_->users().UpsertBySpotifyId(u).value();
  }

  core::FakeClock clock_{core::TimePoint(std::chrono::seconds(1705320000))};
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, EveryCollectionIsAPrefixedTableInWalMode) {
  for (const auto& c : CollectionSpecs()) {
    EXPECT_EQ(Query(path_, "SELECT name FROM sqlite_master WHERE type='table' AND name='echotune_" +
                               c.name + "'"),
              "echotune_" + c.name + "|");
  }
  EXPECT_EQ(Query(path_, "PRAGMA journal_mode"), "wal|");
}

TEST_F(SqliteStoreTest, FirstInitReportsWhatOpeningCreated) {
  auto lines = store_->Init().value();
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "created index echotune_users.spotifyId_1"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "created table echotune_playlists_fts"),
            lines.end());
  auto again = store_->Init();
  ASSERT_TRUE(again.ok());
  for (const auto& line : *again) EXPECT_EQ(line.rfind("found ", 0), 0u) << line;
}

TEST_F(SqliteStoreTest, TokensAreEncryptedAtRest) {
  NewUser();
  std::string doc = Query(path_, "SELECT doc FROM echotune_users");
  EXPECT_EQ(doc.find("plain-access-token"), std::string::npos);
  EXPECT_NE(doc.find("\"accessToken\":\"v1:"), std::string::npos);
}

TEST_F(SqliteStoreTest, SweepDeletesExpiredRowsAndTheirSideRows) {
  model::User u = NewUser();
  model::Recommendation rec;
  rec.user_id = u.id;
  rec.tracks = {{"t1", "n", "a", "al", 0.5, model::Strategy::kHybrid, ""}};
  ASSERT_TRUE(store_->recommendations().Save(rec).ok());
  model::AnalyticsEvent e;
  e.timestamp = clock_.Now();
  ASSERT_TRUE(store_->analytics().Insert(e).ok());
  EXPECT_EQ(store_->SweepExpired().value(), 0);
  clock_.Advance(hours(24 * 91));
  EXPECT_EQ(store_->SweepExpired().value(), 2);
  EXPECT_EQ(Query(path_, "SELECT COUNT(*) FROM echotune_recommendations_tracks"), "0|");
  EXPECT_EQ(Query(path_, "SELECT COUNT(*) FROM echotune_analytics_events"), "0|");
}

TEST_F(SqliteStoreTest, DataSurvivesReopening) {
  model::User u = NewUser();
  store_.reset();
  store_ = OpenSqliteStore(path_, clock_, TestCipher(), {.start_sweeper = false}).value();
  auto got = store_->users().Get(u.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->access_token, "plain-access-token");
}

TEST_F(SqliteStoreTest, AnotherKeyCannotReadTheTokens) {
  model::User u = NewUser();
  store_.reset();
  auto other = TokenCipher::FromHex(std::string(64, 'b')).value();
  store_ = OpenSqliteStore(path_, clock_, other, {.start_sweeper = false}).value();
  EXPECT_EQ(store_->users().Get(u.id).error().code, core::ErrorCode::kInternalError);
}

TEST(OpenStore, EmbeddedWithoutKeyCreatesAPrivateKeyFile) {
  core::Config config;
  config.db_path = (echotune::testing::TempDir("open") / "e.db").string();
  auto store = OpenStore(config, core::SystemClock::Instance());
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ((*store)->BackendName(), "sqlite");
  struct stat st {};
  ASSERT_EQ(::stat((config.db_path + ".token-key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::string key;
  std::ifstream(config.db_path + ".token-key") >> key;
  EXPECT_EQ(key.size(), 64u);
}

TEST(OpenStore, MongoWithoutTokenKeyIsRefused) {
  core::Config config;
  config.mongodb_uri = "mongodb://127.0.0.1:1";
  auto store = OpenStore(config, core::SystemClock::Instance());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, core::ErrorCode::kValidationError);
}

TEST(Sweeper, RunsRepeatedlyUntilStopped) {
  std::atomic<int> runs{0};
  Sweeper sweeper([&] { ++runs; }, std::chrono::milliseconds(1));
  while (runs < 3) std::this_thread::yield();
  sweeper.Stop();
  int after = runs;
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(runs, after);
}

}  // namespace
}  // namespace echotune::store::sqlite
