// The MongoDB backend (SYSTEM.md §2): the eight repositories over one
// libmongoc client pool, the contract's collections and indexes created at
// open (initializeCollections semantics), native TTL and text indexes.
// docs/mongodb.md describes the guarantees, in particular atomicity on a
// standalone server versus a replica set.
#pragma once

#include <memory>

#include "core/clock.h"
#include "core/config.h"
#include "core/result.h"
#include "store/store.h"
#include "store/token_cipher.h"

namespace echotune::store::mongo {

// Connects to config.mongodb_uri (database config.mongodb_db_name, collection
// prefix config.mongodb_collections_prefix, pool sizes from config), creates
// missing collections and indexes, and returns the Store. Thread-safe Store.
// Errors: VALIDATION_ERROR when config.token_key is empty (MongoDB never runs
// without ECHOTUNE_TOKEN_KEY) or the URI is malformed; SERVICE_UNAVAILABLE when
// no server answers; INTERNAL_ERROR when the schema cannot be created.
// `clock` must outlive the Store; `cipher` is copied.
[[nodiscard]] core::Result<std::unique_ptr<Store>> OpenMongoStore(const core::Config& config,
                                                                  const core::Clock& clock,
                                                                  const TokenCipher& cipher);

}  // namespace echotune::store::mongo
