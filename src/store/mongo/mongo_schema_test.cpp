// The contract's collections and indexes on MongoDB (mongo-wire standalone, and
// a real MongoDB at $ECHOTUNE_TEST_MONGODB_URI when set).
#include "store/mongo/mongo_schema.h"

#include <gtest/gtest.h>

#include "store/index_spec.h"
#include "store/mongo/collection_ref.h"
#include "store/mongo/mongo_test_backends.h"

namespace echotune::store::mongo {
namespace {

class MongoSchemaTest : public ::testing::TestWithParam<testing::Server> {
 protected:
  void SetUp() override {
    auto uri = testing::ServerUri(GetParam());
    if (!uri && uri.error().code == core::ErrorCode::kUnavailable) GTEST_SKIP() << uri.error().message;
    ASSERT_TRUE(uri.ok()) << uri.error().message;
    uri_ = *uri;
    db_name_ = testing::FreshDatabaseName();
    auto pool = ClientPool::Open(testing::TestConfig(uri_, db_name_));
    ASSERT_TRUE(pool.ok()) << pool.error().message;
    pool_ = std::move(pool).value();
  }
  void TearDown() override {
    if (!pool_) return;
    pool_.reset();
    testing::DropDatabase(uri_, db_name_);
  }

  std::string uri_, db_name_;
  std::unique_ptr<ClientPool> pool_;
};

size_t CountStarting(const std::vector<std::string>& lines, const std::string& prefix) {
  return std::count_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(prefix, 0) == 0; });
}

TEST_P(MongoSchemaTest, ListIndexesEqualsTheIndexTable) {
  ASSERT_TRUE(InitializeCollections(*pool_).ok());
  auto reported = ListIndexes(*pool_);
  ASSERT_TRUE(reported.ok()) << reported.error().message;
  auto expected = ExpectedIndexes();
  ASSERT_EQ(reported->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*reported)[i], expected[i]) << "row " << i << ": " << expected[i].collection << "."
                                           << expected[i].spec.name << " vs " << (*reported)[i].spec.name;
  }
}

TEST_P(MongoSchemaTest, InitCreatesEverythingOnceThenFindsIt) {
  auto first = InitializeCollections(*pool_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(CountStarting(*first, "created collection "), CollectionSpecs().size());
  EXPECT_EQ(CountStarting(*first, "created index "), ExpectedIndexes().size());
  EXPECT_NE(std::find(first->begin(), first->end(), "created index echotune_users.spotifyId_1"), first->end());
  auto second = InitializeCollections(*pool_);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(CountStarting(*second, "found collection "), CollectionSpecs().size());
  EXPECT_EQ(CountStarting(*second, "found index "), ExpectedIndexes().size());
}

// initializeCollections semantics (03-DATA-MODELS.md §10): an index that
// exists with other options is kept and reported, and init goes on.
TEST_P(MongoSchemaTest, AnIndexThatExistsWithOtherOptionsIsKeptNotAnError) {
  PooledClient client = pool_->Checkout();
  DatabaseHandle db = client.Database(pool_->db_name());
  Bson cmd;
  AppendString(cmd.get(), "createIndexes", "echotune_chat_sessions");
  AppendArray(cmd.get(), "indexes", [](bson_t* arr) {
    AppendDocument(arr, "0", [](bson_t* idx) {
      AppendDocument(idx, "key", [](bson_t* k) { AppendInt(k, "createdAt", 1); });
      AppendString(idx, "name", "createdAt_1");  // no TTL: differs from the table
    });
  });
  bson_error_t error;
  ASSERT_TRUE(mongoc_database_write_command_with_opts(db.get(), cmd.get(), nullptr, nullptr, &error)) << error.message;
  auto lines = InitializeCollections(*pool_);
  ASSERT_TRUE(lines.ok()) << lines.error().message;
  EXPECT_EQ(CountStarting(*lines, "kept conflicting index echotune_chat_sessions.createdAt_1 (code 8"), 1u);
  EXPECT_EQ(CountStarting(*lines, "created index "), ExpectedIndexes().size() - 1);
}

// Same key under another name: the server refuses with 85/86, which init reports.
TEST_P(MongoSchemaTest, ServerIndexConflictCodesAreReportedNotErrors) {
  if (GetParam() != testing::Server::kReal) {
    GTEST_SKIP() << "mongo-wire (mongomock) accepts a second index on the same key under another name; "
                    "mongod refuses it with code 85";
  }
  PooledClient client = pool_->Checkout();
  DatabaseHandle db = client.Database(pool_->db_name());
  Bson cmd;
  AppendString(cmd.get(), "createIndexes", "echotune_users");
  AppendArray(cmd.get(), "indexes", [](bson_t* arr) {
    AppendDocument(arr, "0", [](bson_t* idx) {
      AppendDocument(idx, "key", [](bson_t* k) { AppendInt(k, "lastActive", 1); });
      AppendString(idx, "name", "by_last_active");
      AppendInt(idx, "expireAfterSeconds", 60);
    });
  });
  bson_error_t error;
  ASSERT_TRUE(mongoc_database_write_command_with_opts(db.get(), cmd.get(), nullptr, nullptr, &error)) << error.message;
  auto lines = InitializeCollections(*pool_);
  ASSERT_TRUE(lines.ok()) << lines.error().message;
  EXPECT_EQ(CountStarting(*lines, "kept conflicting index echotune_users.lastActive_1 (code 8"), 1u);
}

INSTANTIATE_TEST_SUITE_P(MongoWire, MongoSchemaTest, ::testing::Values(testing::Server::kWireStandalone));
INSTANTIATE_TEST_SUITE_P(RealMongo, MongoSchemaTest, ::testing::Values(testing::Server::kReal));

}  // namespace
}  // namespace echotune::store::mongo
