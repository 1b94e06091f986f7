#include "store/mongo/atomic_write.h"

#include <string>

#include "store/mongo/bson_doc.h"
#include "store/mongo/mongo_error.h"
#include "store/mongo/mongo_handles.h"

namespace echotune::store::mongo {
namespace {

struct TxnContext {
  const AtomicBody* body;
  core::Status status;
};

bool TxnCallback(mongoc_client_session_t* session, void* ctx, bson_t** /*reply*/, bson_error_t* error) {
  auto* state = static_cast<TxnContext*>(ctx);
  Bson opts;
  if (!mongoc_client_session_append(session, opts.get(), error)) {
    state->status = FromBsonError("attach session", *error);
    return false;
  }
  state->status = (*state->body)(opts);
  if (state->status.ok()) return true;
  bson_set_error(error, MONGOC_ERROR_TRANSACTION, MONGOC_ERROR_TRANSACTION_INVALID_STATE, "%s",
                 state->status.error().message.c_str());
  return false;
}

}  // namespace

core::Status RunAtomically(mongoc_client_t* client, bool use_transaction, const AtomicBody& body) {
  if (!use_transaction) {
    Bson none;
    return body(none);
  }
  bson_error_t error;
  SessionHandle session(mongoc_client_start_session(client, nullptr, &error));
  if (!session) return FromBsonError("start session", error);
  TxnContext ctx{&body, core::Ok()};
  bool ok = mongoc_client_session_with_transaction(session.get(), TxnCallback, nullptr, &ctx, nullptr, &error);
  if (ok) return core::Ok();
  if (!ctx.status.ok()) return ctx.status;  // the body's own error (NOT_FOUND, CONFLICT, ...)
  return FromBsonError("commit transaction", error);
}

}  // namespace echotune::store::mongo
