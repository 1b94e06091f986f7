// RunAtomically: runs a group of writes all-or-nothing where the deployment can.
//  - Replica set / mongos: inside one multi-document transaction
//    (mongoc_client_session_with_transaction, which retries the commit on
//    UnknownTransactionCommitResult). `body` may run more than once.
//  - Standalone server: `body` runs once without a session. It must then use
//    ordered writes that are idempotent on retry (upserts keyed on natural keys,
//    $setOnInsert), so a failure part-way leaves a prefix that re-running the
//    same call completes rather than duplicates. This is the honest limit of a
//    standalone mongod; docs/mongodb.md says so.
// `body` receives command options to pass to every operation (the session, when
// there is one; otherwise an empty document). Thread-safe iff `client` is used
// by this thread only.
#pragma once

#include <mongoc/mongoc.h>

#include <functional>

#include "core/result.h"
#include "store/mongo/bson_doc.h"

namespace echotune::store::mongo {

using AtomicBody = std::function<core::Status(const Bson& op_opts)>;

core::Status RunAtomically(mongoc_client_t* client, bool use_transaction, const AtomicBody& body);

}  // namespace echotune::store::mongo
