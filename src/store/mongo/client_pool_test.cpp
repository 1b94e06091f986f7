#include "store/mongo/client_pool.h"

#include <gtest/gtest.h>

#include "store/mongo/atomic_write.h"
#include "store/mongo/bson_doc.h"
#include "store/mongo/mongo_wire_server.h"

namespace echotune::store::mongo {
namespace {

core::Config ConfigFor(const std::string& uri) {
  core::Config config;
  config.mongodb_uri = uri;
  config.mongodb_db_name = "pool_test_" + std::to_string(::getpid());
  config.mongodb_max_pool_size = 3;
  config.mongodb_min_pool_size = 2;
  return config;
}

std::unique_ptr<ClientPool> OpenOn(bool replica_set) {
  auto uri = testing::SharedMongoWireUri(replica_set);
  if (!uri) ADD_FAILURE() << uri.error().message;
  if (!uri) return nullptr;
  auto pool = ClientPool::Open(ConfigFor(*uri));
  if (!pool) ADD_FAILURE() << pool.error().message;
  return pool ? std::move(pool).value() : nullptr;
}

int64_t CountDocs(const ClientPool& pool, const std::string& name) {
  PooledClient client = pool.Checkout();
  CollectionHandle coll = client.Collection(pool.db_name(), pool.CollectionName(name));
  Bson filter;
  bson_error_t error;
  return mongoc_collection_count_documents(coll.get(), filter.get(), nullptr, nullptr, nullptr, &error);
}

core::Status InsertOne(const ClientPool& pool, PooledClient& client, const Bson& opts,
                       const std::string& name, int value) {
  CollectionHandle coll = client.Collection(pool.db_name(), pool.CollectionName(name));
  Bson doc;
  AppendInt(doc.get(), "v", value);
  bson_error_t error;
  if (!mongoc_collection_insert_one(coll.get(), doc.get(), opts.get(), nullptr, &error)) {
    return core::Error::Internal(error.message);
  }
  return core::Ok();
}

core::Status InsertTwo(const ClientPool& pool, PooledClient& client, const Bson& opts, const std::string& name) {
  CollectionHandle coll = client.Collection(pool.db_name(), pool.CollectionName(name));
  Bson a, b;
  AppendInt(a.get(), "v", 1);
  AppendInt(b.get(), "v", 2);
  const bson_t* docs[] = {a.get(), b.get()};
  bson_error_t error;
  if (!mongoc_collection_insert_many(coll.get(), docs, 2, opts.get(), nullptr, &error)) {
    return core::Error::Internal(error.message);
  }
  return core::Ok();
}

TEST(ClientPool, RejectsAMalformedUriAsAValidationErrorWithoutEchoingIt) {
  core::Config config;
  config.mongodb_uri = "postgres://user:secret@host";
  auto pool = ClientPool::Open(config);
  ASSERT_FALSE(pool.ok());
  EXPECT_EQ(pool.error().code, core::ErrorCode::kValidationError);
  EXPECT_EQ(pool.error().message.find("secret"), std::string::npos);
}

TEST(ClientPool, AppliesThePrefixAndDatabaseName) {
  auto pool = OpenOn(false);
  ASSERT_TRUE(pool);
  EXPECT_EQ(pool->CollectionName("users"), "echotune_users");
  EXPECT_EQ(pool->db_name(), "pool_test_" + std::to_string(::getpid()));
}

TEST(ClientPool, DetectsTransactionSupportFromTheTopology) {
  auto standalone = OpenOn(false);
  auto replica_set = OpenOn(true);
  ASSERT_TRUE(standalone && replica_set);
  EXPECT_FALSE(standalone->supports_transactions());
  EXPECT_TRUE(replica_set->supports_transactions());
}

TEST(RunAtomically, RollsBackEveryWriteWhenTheBodyFailsInATransaction) {
  auto pool = OpenOn(true);
  ASSERT_TRUE(pool);
  PooledClient client = pool->Checkout();
  auto status = RunAtomically(client.get(), true, [&](const Bson& opts) -> core::Status {
    if (auto s = InsertOne(*pool, client, opts, "rollback", 1); !s) return s;
    return core::Error::NotFound("user gone");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(CountDocs(*pool, "rollback"), 0);
}

// One command only: mongo-wire --replset refuses the second command of a
// transaction (code 20), which a real replica set accepts.
TEST(RunAtomically, CommitsEveryWriteWhenTheBodySucceeds) {
  auto pool = OpenOn(true);
  ASSERT_TRUE(pool);
  PooledClient client = pool->Checkout();
  auto status = RunAtomically(client.get(), true, [&](const Bson& opts) -> core::Status {
    return InsertTwo(*pool, client, opts, "commit");
  });
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(CountDocs(*pool, "commit"), 2);
}

}  // namespace
}  // namespace echotune::store::mongo
