// SqliteError's mapping of SQLite failures onto the error model: a full disk
// (here max_page_count, which SQLite reports exactly as it reports ENOSPC,
// SQLITE_FULL) is a 503 SERVICE_UNAVAILABLE the client may retry, not a 500;
// and the transaction it broke leaves nothing behind.
#include "store/sqlite/connection.h"

#include <gtest/gtest.h>

#include "core/test_util.h"
#include "store/sqlite/connection_pool.h"

namespace echotune::store::sqlite {
namespace {

TEST(SqliteError, DiskFullIsServiceUnavailableAndTheTransactionLeavesNothing) {
  auto dir = echotune::testing::TempDir("sqlite-full");
  auto conn = Connection::Open((dir / "full.db").string());
  ASSERT_TRUE(conn.ok()) << conn.error().message;
  Connection& c = **conn;
  ASSERT_TRUE(c.Exec("CREATE TABLE t(v BLOB)").ok());
  ASSERT_TRUE(c.Run("INSERT INTO t VALUES(?)", std::string(100, 'x')).ok());
  ASSERT_TRUE(c.Exec("PRAGMA max_page_count = 8").ok());
  core::Status full = InTransaction(c, [&]() -> core::Status {
    for (int i = 0; i < 50; ++i) {
      if (auto s = c.Run("INSERT INTO t VALUES(?)", std::string(4000, 'y')); !s.ok()) return s;
    }
    return core::Ok();
  });
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(core::HttpStatus(full.error().code), 503u);
  EXPECT_EQ(full.error().details.at("reason").as_string(), "disk_full");
  EXPECT_EQ(full.error().details.at("store").as_string(), "sqlite");
  auto count = c.Prepare("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(count.ok());
  ASSERT_TRUE(count->Step().value());
  EXPECT_EQ(count->Int(0), 1);  // the failed batch rolled back whole
  // Space returns: writes work again on the same connection.
  ASSERT_TRUE(c.Exec("PRAGMA max_page_count = 100000").ok());
  EXPECT_TRUE(c.Run("INSERT INTO t VALUES(?)", std::string(4000, 'z')).ok());
}

TEST(SqliteError, ConstraintsKeepTheirCodes) {
  auto dir = echotune::testing::TempDir("sqlite-codes");
  auto conn = Connection::Open((dir / "codes.db").string());
  ASSERT_TRUE(conn.ok());
  Connection& c = **conn;
  ASSERT_TRUE(c.Exec("CREATE TABLE u(id INTEGER PRIMARY KEY)").ok());
  ASSERT_TRUE(c.Run("INSERT INTO u VALUES(1)").ok());
  auto dup = c.Run("INSERT INTO u VALUES(1)");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, core::ErrorCode::kConflict);
  auto bad = c.Exec("SELECT * FROM no_such_table");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInternalError);
}

}  // namespace
}  // namespace echotune::store::sqlite
