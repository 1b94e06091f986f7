// Owning handles for every libmongoc/libbson object the Mongo backend creates:
// std::unique_ptr with the matching destroy function, so no raw owning pointer
// ever escapes a call into the C driver.
#pragma once

#include <bson/bson.h>
#include <mongoc/mongoc.h>

#include <memory>

namespace echotune::store::mongo {

template <typename T, void (*Destroy)(T*)>
struct CDeleter {
  void operator()(T* p) const {
    if (p) Destroy(p);
  }
};

template <typename T, void (*Destroy)(T*)>
using CHandle = std::unique_ptr<T, CDeleter<T, Destroy>>;

using UriHandle = CHandle<mongoc_uri_t, mongoc_uri_destroy>;
using PoolHandle = CHandle<mongoc_client_pool_t, mongoc_client_pool_destroy>;
using DatabaseHandle = CHandle<mongoc_database_t, mongoc_database_destroy>;
using CollectionHandle = CHandle<mongoc_collection_t, mongoc_collection_destroy>;
using CursorHandle = CHandle<mongoc_cursor_t, mongoc_cursor_destroy>;
using SessionHandle = CHandle<mongoc_client_session_t, mongoc_client_session_destroy>;
using BulkHandle = CHandle<mongoc_bulk_operation_t, mongoc_bulk_operation_destroy>;
using TransactionOptHandle = CHandle<mongoc_transaction_opt_t, mongoc_transaction_opts_destroy>;
using FindAndModifyOptsHandle = CHandle<mongoc_find_and_modify_opts_t, mongoc_find_and_modify_opts_destroy>;

}  // namespace echotune::store::mongo
