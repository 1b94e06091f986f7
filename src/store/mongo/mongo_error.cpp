#include "store/mongo/mongo_error.h"

#include <mongoc/mongoc.h>

#include <string>

namespace echotune::store::mongo {

bool IsDuplicateKey(const bson_error_t& error) {
  return error.code == kDuplicateKey || error.code == kDuplicateKeyLegacy;
}

bool IsIndexConflict(const bson_error_t& error) {
  return error.code == kIndexOptionsConflict || error.code == kIndexKeySpecsConflict;
}

bool IsUnavailable(const bson_error_t& error) {
  return error.domain == MONGOC_ERROR_STREAM || error.domain == MONGOC_ERROR_SERVER_SELECTION;
}

namespace {

// "E11000 duplicate key error collection: db.c index: email_1 dup key: {...}" -> "email_1".
// The duplicate value itself stays out of the client message.
std::string IndexName(std::string_view message) {
  auto at = message.find("index: ");
  if (at == std::string_view::npos) return "a unique index";
  auto name = message.substr(at + 7);
  return std::string(name.substr(0, name.find(' ')));
}

}  // namespace

core::Error FromBsonError(std::string_view what, const bson_error_t& error) {
  std::string message = std::string(what) + ": " + error.message;
  if (IsDuplicateKey(error)) {
    auto e = core::Error::Conflict(std::string(what) + ": already exists (" + IndexName(error.message) + ")");
    e.details["index"] = IndexName(error.message);
    return e;
  }
  if (IsUnavailable(error)) {
    return core::Error{core::ErrorCode::kUnavailable, "MongoDB unavailable: " + message, {}};
  }
  return core::Error::Internal("MongoDB " + message);
}

}  // namespace echotune::store::mongo
