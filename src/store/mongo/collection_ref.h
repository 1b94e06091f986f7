// CollectionRef: one collection on a checked-out client, for the span of one
// repository call, with the few operations the repositories need, each turning
// driver failures into core::Error (mongo_error.h). Every operation takes
// `opts` (a session from RunAtomically, or empty) so the same code runs inside
// and outside a transaction. Not thread-safe; a CollectionRef lives on one
// thread for one call.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/mongo/bson_doc.h"
#include "store/mongo/client_pool.h"

namespace echotune::store::mongo {

struct UpdateCounts {
  int64_t matched = 0;
  int64_t upserted = 0;
};

class CollectionRef {
 public:
  // Checks out its own client. REQUIRES: `pool` outlives this object.
  CollectionRef(const ClientPool& pool, std::string_view base_name);
  // Borrows `client` (e.g. the one holding a transaction's session).
  CollectionRef(const ClientPool& pool, const PooledClient& client, std::string_view base_name);

  mongoc_client_t* client() const { return client_; }
  const std::string& name() const { return name_; }

  // `opts` may carry sort/limit/skip/projection as well as the session.
  core::Result<std::optional<Bson>> FindOne(const Bson& filter, const Bson& opts) const;
  core::Result<std::vector<Bson>> Find(const Bson& filter, const Bson& opts) const;
  // Calls fn for each match until it returns false.
  core::Status ForEach(const Bson& filter, const Bson& opts, const std::function<bool(BsonView)>& fn) const;
  core::Result<std::vector<Bson>> Aggregate(const Bson& pipeline, const Bson& opts) const;
  core::Result<int64_t> Count(const Bson& filter, const Bson& opts) const;

  core::Status InsertOne(const Bson& doc, const Bson& opts) const;
  core::Result<UpdateCounts> UpdateOne(const Bson& filter, const Bson& update, const Bson& opts) const;
  core::Result<UpdateCounts> ReplaceOne(const Bson& filter, const Bson& doc, const Bson& opts) const;
  core::Result<int64_t> DeleteOne(const Bson& filter, const Bson& opts) const;
  core::Result<int64_t> DeleteMany(const Bson& filter, const Bson& opts) const;
  // findAndModify with an update document; the document after the update, or
  // nullopt when nothing matched.
  core::Result<std::optional<Bson>> UpdateAndFetch(const Bson& filter, const Bson& update, const Bson& opts) const;
  // Runs an ordered bulk of upserts {filter_i: update_i} (update documents, or
  // whole replacement documents when `replace`); returns total counts.
  core::Result<UpdateCounts> BulkUpsert(const std::vector<std::pair<Bson, Bson>>& ops, const Bson& opts,
                                        bool replace = false) const;

 private:
  std::optional<PooledClient> owned_;  // set when this object checked the client out
  mongoc_client_t* client_;
  std::string name_;
  CollectionHandle coll_;
};

// `a` followed by the fields of `b` (e.g. session options + find options).
Bson Merge(const Bson& a, const Bson& b);

}  // namespace echotune::store::mongo
