// PooledClient: one mongoc_client_t checked out of a mongoc_client_pool_t,
// returned to the pool when the PooledClient is destroyed. A client is not
// thread-safe: use it from one thread, and destroy every collection/cursor it
// made before the PooledClient itself (declare it first in a scope).
#pragma once

#include <mongoc/mongoc.h>

#include <string>

#include "store/mongo/mongo_handles.h"

namespace echotune::store::mongo {

class PooledClient {
 public:
  // REQUIRES: `client` was popped from `pool`, which outlives this object.
  PooledClient(mongoc_client_pool_t* pool, mongoc_client_t* client) : pool_(pool), client_(client) {}
  ~PooledClient() { Release(); }
  PooledClient(PooledClient&& other) noexcept : pool_(other.pool_), client_(other.client_) {
    other.client_ = nullptr;
  }
  PooledClient& operator=(PooledClient&& other) noexcept;
  PooledClient(const PooledClient&) = delete;
  PooledClient& operator=(const PooledClient&) = delete;

  mongoc_client_t* get() const { return client_; }
  CollectionHandle Collection(const std::string& db, const std::string& name) const {
    return CollectionHandle(mongoc_client_get_collection(client_, db.c_str(), name.c_str()));
  }
  DatabaseHandle Database(const std::string& db) const {
    return DatabaseHandle(mongoc_client_get_database(client_, db.c_str()));
  }

 private:
  void Release() {
    if (client_) mongoc_client_pool_push(pool_, client_);
    client_ = nullptr;
  }

  mongoc_client_pool_t* pool_;
  mongoc_client_t* client_;
};

inline PooledClient& PooledClient::operator=(PooledClient&& other) noexcept {
  if (this != &other) {
    Release();
    pool_ = other.pool_;
    client_ = other.client_;
    other.client_ = nullptr;
  }
  return *this;
}

}  // namespace echotune::store::mongo
