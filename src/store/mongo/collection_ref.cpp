#include "store/mongo/collection_ref.h"

#include "store/mongo/mongo_error.h"

namespace echotune::store::mongo {
namespace {

// libmongoc "out" replies are always initialised; this owns one.
class Reply {
 public:
  Reply() = default;
  ~Reply() { bson_destroy(&doc_); }
  Reply(const Reply&) = delete;
  Reply& operator=(const Reply&) = delete;
  bson_t* out() { return &doc_; }
  BsonView view() const { return BsonView(&doc_); }

 private:
  bson_t doc_ = BSON_INITIALIZER;
};

core::Result<std::vector<Bson>> Drain(mongoc_cursor_t* cursor, const std::string& what) {
  std::vector<Bson> out;
  const bson_t* doc = nullptr;
  while (mongoc_cursor_next(cursor, &doc)) out.push_back(Bson::CopyOf(doc));
  bson_error_t error;
  if (mongoc_cursor_error(cursor, &error)) return FromBsonError(what, error);
  return out;
}

UpdateCounts CountsOf(BsonView reply) {
  return {reply.Int("matchedCount").value_or(0), reply.Int("upsertedCount").value_or(0)};
}

}  // namespace

CollectionRef::CollectionRef(const ClientPool& pool, std::string_view base_name)
    : owned_(pool.Checkout()),
      client_(owned_->get()),
      name_(pool.CollectionName(base_name)),
      coll_(owned_->Collection(pool.db_name(), name_)) {}

CollectionRef::CollectionRef(const ClientPool& pool, const PooledClient& client, std::string_view base_name)
    : client_(client.get()), name_(pool.CollectionName(base_name)), coll_(client.Collection(pool.db_name(), name_)) {}

core::Result<std::optional<Bson>> CollectionRef::FindOne(const Bson& filter, const Bson& opts) const {
  Bson limited = Merge(opts, Bson());
  if (!BsonView(opts.get()).Has("limit")) AppendInt(limited.get(), "limit", 1);
  auto docs = Find(filter, limited);
  if (!docs) return std::move(docs).error();
  if (docs->empty()) return std::optional<Bson>();
  return std::optional<Bson>(std::move(docs->front()));
}

core::Result<std::vector<Bson>> CollectionRef::Find(const Bson& filter, const Bson& opts) const {
  CursorHandle cursor(mongoc_collection_find_with_opts(coll_.get(), filter.get(), opts.get(), nullptr));
  return Drain(cursor.get(), "find in " + name_);
}

core::Status CollectionRef::ForEach(const Bson& filter, const Bson& opts,
                                    const std::function<bool(BsonView)>& fn) const {
  CursorHandle cursor(mongoc_collection_find_with_opts(coll_.get(), filter.get(), opts.get(), nullptr));
  const bson_t* doc = nullptr;
  while (mongoc_cursor_next(cursor.get(), &doc)) {
    if (!fn(BsonView(doc))) return core::Ok();
  }
  bson_error_t error;
  if (mongoc_cursor_error(cursor.get(), &error)) return FromBsonError("scan " + name_, error);
  return core::Ok();
}

core::Result<std::vector<Bson>> CollectionRef::Aggregate(const Bson& pipeline, const Bson& opts) const {
  CursorHandle cursor(
      mongoc_collection_aggregate(coll_.get(), MONGOC_QUERY_NONE, pipeline.get(), opts.get(), nullptr));
  return Drain(cursor.get(), "aggregate " + name_);
}

core::Result<int64_t> CollectionRef::Count(const Bson& filter, const Bson& opts) const {
  bson_error_t error;
  int64_t n = mongoc_collection_count_documents(coll_.get(), filter.get(), opts.get(), nullptr, nullptr, &error);
  if (n < 0) return FromBsonError("count " + name_, error);
  return n;
}

core::Status CollectionRef::InsertOne(const Bson& doc, const Bson& opts) const {
  bson_error_t error;
  if (!mongoc_collection_insert_one(coll_.get(), doc.get(), opts.get(), nullptr, &error)) {
    return FromBsonError("insert into " + name_, error);
  }
  return core::Ok();
}

core::Result<UpdateCounts> CollectionRef::UpdateOne(const Bson& filter, const Bson& update, const Bson& opts) const {
  Reply reply;
  bson_error_t error;
  if (!mongoc_collection_update_one(coll_.get(), filter.get(), update.get(), opts.get(), reply.out(), &error)) {
    return FromBsonError("update " + name_, error);
  }
  return CountsOf(reply.view());
}

core::Result<UpdateCounts> CollectionRef::ReplaceOne(const Bson& filter, const Bson& doc, const Bson& opts) const {
  Reply reply;
  bson_error_t error;
  if (!mongoc_collection_replace_one(coll_.get(), filter.get(), doc.get(), opts.get(), reply.out(), &error)) {
    return FromBsonError("replace in " + name_, error);
  }
  return CountsOf(reply.view());
}

core::Result<int64_t> CollectionRef::DeleteOne(const Bson& filter, const Bson& opts) const {
  Reply reply;
  bson_error_t error;
  if (!mongoc_collection_delete_one(coll_.get(), filter.get(), opts.get(), reply.out(), &error)) {
    return FromBsonError("delete from " + name_, error);
  }
  return reply.view().Int("deletedCount").value_or(0);
}

core::Result<int64_t> CollectionRef::DeleteMany(const Bson& filter, const Bson& opts) const {
  Reply reply;
  bson_error_t error;
  if (!mongoc_collection_delete_many(coll_.get(), filter.get(), opts.get(), reply.out(), &error)) {
    return FromBsonError("delete from " + name_, error);
  }
  return reply.view().Int("deletedCount").value_or(0);
}

core::Result<std::optional<Bson>> CollectionRef::UpdateAndFetch(const Bson& filter, const Bson& update,
                                                                const Bson& opts) const {
  FindAndModifyOptsHandle fam(mongoc_find_and_modify_opts_new());
  mongoc_find_and_modify_opts_set_update(fam.get(), update.get());
  mongoc_find_and_modify_opts_set_flags(fam.get(), MONGOC_FIND_AND_MODIFY_RETURN_NEW);
  mongoc_find_and_modify_opts_append(fam.get(), opts.get());
  Reply reply;
  bson_error_t error;
  if (!mongoc_collection_find_and_modify_with_opts(coll_.get(), filter.get(), fam.get(), reply.out(), &error)) {
    return FromBsonError("update " + name_, error);
  }
  auto value = reply.view().Document("value");
  if (!value) return std::optional<Bson>();
  Bson copy = Bson::Adopt(bson_new_from_data(value->data(), value->size()));
  return std::optional<Bson>(std::move(copy));
}

core::Result<UpdateCounts> CollectionRef::BulkUpsert(const std::vector<std::pair<Bson, Bson>>& ops,
                                                     const Bson& opts, bool replace) const {
  if (ops.empty()) return UpdateCounts{};
  Bson bulk_opts = Merge(opts, Bson());
  AppendBool(bulk_opts.get(), "ordered", true);
  BulkHandle bulk(mongoc_collection_create_bulk_operation_with_opts(coll_.get(), bulk_opts.get()));
  Bson upsert;
  AppendBool(upsert.get(), "upsert", true);
  bson_error_t error;
  for (const auto& [filter, update] : ops) {
    bool ok = replace ? mongoc_bulk_operation_replace_one_with_opts(bulk.get(), filter.get(), update.get(),
                                                                   upsert.get(), &error)
                      : mongoc_bulk_operation_update_one_with_opts(bulk.get(), filter.get(), update.get(),
                                                                  upsert.get(), &error);
    if (!ok) {
      return FromBsonError("bulk write to " + name_, error);
    }
  }
  Reply reply;
  if (!mongoc_bulk_operation_execute(bulk.get(), reply.out(), &error)) {
    return FromBsonError("bulk write to " + name_, error);
  }
  return UpdateCounts{reply.view().Int("nMatched").value_or(0), reply.view().Int("nUpserted").value_or(0)};
}

Bson Merge(const Bson& a, const Bson& b) {
  Bson out = Bson::CopyOf(a.get());
  bson_concat(out.get(), b.get());
  return out;
}

}  // namespace echotune::store::mongo
