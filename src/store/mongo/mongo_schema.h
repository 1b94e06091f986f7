// The data contract's collections and indexes on MongoDB (03-DATA-MODELS.md §10,
// table in store/index_spec.h), with initializeCollections semantics: creating
// what exists is not an error, and an index that exists with other options
// (server codes 85/86) is kept and reported, not an error.
// Thread-safe (each call checks out its own client).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/index_spec.h"
#include "store/mongo/client_pool.h"

namespace echotune::store::mongo {

// Creates every collection and index of CollectionSpecs() under the pool's
// database and prefix. Returns one line per collection and index saying what
// was created or found, e.g. "created index echotune_users.spotifyId_1".
// Errors: SERVICE_UNAVAILABLE / INTERNAL_ERROR from the server (not 48/85/86).
core::Result<std::vector<std::string>> InitializeCollections(const ClientPool& pool);

// The indexes MongoDB reports (listIndexes) for the eight collections, without
// the implicit _id index, in the form of ExpectedIndexes() (sorted by
// collection, then name). A missing collection contributes no rows.
core::Result<std::vector<ReportedIndex>> ListIndexes(const ClientPool& pool);

}  // namespace echotune::store::mongo
