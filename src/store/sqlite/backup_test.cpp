#include "store/sqlite/backup.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "core/config.h"
#include "core/test_util.h"
#include "core/time_format.h"
#include "store/sqlite/serve_lock.h"
#include "store/store.h"

namespace echotune::store::sqlite {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<Store> Open(const fs::path& db) {
  core::Config config;
  config.db_path = db.string();
  auto store = OpenStore(config, core::SystemClock::Instance());
  EXPECT_TRUE(store.ok()) << store.error().message;
  return std::move(store).value();
}

model::Listen NewListen(const core::ObjectId& user, int i) {
  model::Listen l;
  l.user_id = user;
  l.track_id = "t" + std::to_string(i);
  l.track_name = "T";
  l.artist_name = "A";
  l.played_at = core::FromUnixMillis(1'700'000'000'000LL + i * 1000LL);
  l.duration_ms = 1000;
  return l;
}

core::ObjectId NewUser(Store& store) {
  model::User u;
  u.spotify_id = "backup-user";
  u.display_name = "B";
  return store.users().UpsertBySpotifyId(u)->id;
}

TEST(SqliteBackup, CopiesOneInstantWhileAnotherConnectionWrites) {
  auto dir = echotune::testing::TempDir("backup");
  auto store = Open(dir / "e.db");
  core::ObjectId user = NewUser(*store);
  std::atomic<int> written = 0;
  std::atomic<bool> stop = false;
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      ASSERT_TRUE(store->listens().Insert(NewListen(user, i)).ok());
      ++written;
    }
  });
  while (written < 100) std::this_thread::yield();
  int before = written;
  ASSERT_TRUE(BackupDatabase((dir / "e.db").string(), (dir / "b.db").string()).ok());
  int after = written;
  stop = true;
  writer.join();
  EXPECT_TRUE(CheckEchotuneDatabase((dir / "b.db").string()).ok());
  EXPECT_FALSE(fs::exists(dir / "b.db-wal"));
  int64_t copied = *Open(dir / "b.db")->listens().Count();
  EXPECT_GE(copied, before);
  EXPECT_LE(copied, after + 1);
}

TEST(SqliteBackup, RefusesToWriteOverTheDatabaseOrFromNothing) {
  auto dir = echotune::testing::TempDir("backup-self");
  auto store = Open(dir / "e.db");
  EXPECT_EQ(BackupDatabase((dir / "e.db").string(), (dir / "e.db").string()).error().code, core::ErrorCode::kValidationError);
  EXPECT_EQ(BackupDatabase((dir / "none.db").string(), (dir / "b.db").string()).error().code, core::ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir / "b.db"));
}

TEST(SqliteBackup, RestoreReplacesTheContentAndRefusesOtherFiles) {
  auto dir = echotune::testing::TempDir("restore");
  {
    auto store = Open(dir / "e.db");
    core::ObjectId user = NewUser(*store);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(store->listens().Insert(NewListen(user, i)).ok());
  }
  ASSERT_TRUE(BackupDatabase((dir / "e.db").string(), (dir / "b.db").string()).ok());
  {
    auto fresh = Open(dir / "other.db");  // an empty EchoTune store
  }
  std::ofstream(dir / "text.db") << "hello";
  EXPECT_EQ(RestoreDatabase((dir / "text.db").string(), (dir / "other.db").string()).error().code,
            core::ErrorCode::kValidationError);
  ASSERT_TRUE(RestoreDatabase((dir / "b.db").string(), (dir / "other.db").string()).ok());
  EXPECT_EQ(*Open(dir / "other.db")->listens().Count(), 10);
  ASSERT_TRUE(RestoreDatabase((dir / "b.db").string(), (dir / "new.db").string()).ok());  // created
  EXPECT_EQ(*Open(dir / "new.db")->users().Count(), 1);
}

TEST(ServeLock, ServesShareItARestoreExcludesThem) {
  auto dir = echotune::testing::TempDir("serve-lock");
  const std::string db = (dir / "e.db").string();
  {
    auto a = ServeLock::Acquire(db, ServeLock::Mode::kShared);
    auto b = ServeLock::Acquire(db, ServeLock::Mode::kShared);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(ServeLock::Acquire(db, ServeLock::Mode::kExclusive).error().code, core::ErrorCode::kConflict);
  }
  auto restore = ServeLock::Acquire(db, ServeLock::Mode::kExclusive);
  ASSERT_TRUE(restore.ok());
  EXPECT_EQ(ServeLock::Acquire(db, ServeLock::Mode::kShared).error().code, core::ErrorCode::kConflict);
}

}  // namespace
}  // namespace echotune::store::sqlite
