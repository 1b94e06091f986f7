// ClientPool: the process's connection pool to one MongoDB deployment, with the
// database name and collection prefix of the configuration (SYSTEM.md §1).
// Thread-safe: any thread may Checkout(); at most max_pool_size clients are out
// at once and Checkout() blocks beyond that.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/config.h"
#include "core/result.h"
#include "store/mongo/mongo_handles.h"
#include "store/mongo/pooled_client.h"

namespace echotune::store::mongo {

class ClientPool {
 public:
  // Parses config.mongodb_uri, applies MONGODB_MAX_POOL_SIZE (unless the URI sets
  // maxPoolSize itself), connects, and opens MONGODB_MIN_POOL_SIZE connections.
  // Unless the URI sets them: serverSelectionTimeoutMS=5000, connectTimeoutMS=3000,
  // socketTimeoutMS=10000, so an operation on a MongoDB that stopped answering
  // fails (SERVICE_UNAVAILABLE) within seconds instead of hanging.
  // Errors: VALIDATION_ERROR for a bad URI, SERVICE_UNAVAILABLE when no server answers.
  static core::Result<std::unique_ptr<ClientPool>> Open(const core::Config& config);

  PooledClient Checkout() const;

  const std::string& db_name() const { return db_name_; }
  // prefix + base, e.g. "echotune_users".
  std::string CollectionName(std::string_view base) const { return prefix_ + std::string(base); }
  // True on a replica set or mongos: multi-document transactions are available.
  bool supports_transactions() const { return supports_transactions_; }

 private:
  ClientPool(PoolHandle pool, std::string db_name, std::string prefix)
      : pool_(std::move(pool)), db_name_(std::move(db_name)), prefix_(std::move(prefix)) {}
  core::Status Probe(int min_pool_size);

  PoolHandle pool_;
  const std::string db_name_;
  const std::string prefix_;
  bool supports_transactions_ = false;  // set once by Probe() before the pool is shared
};

}  // namespace echotune::store::mongo
