#include "store/mongo/mongo_schema.h"

#include <algorithm>

#include "store/mongo/bson_doc.h"
#include "store/mongo/mongo_error.h"

namespace echotune::store::mongo {
namespace {

Bson IndexModel(const IndexSpec& spec) {
  Bson model;
  AppendDocument(model.get(), "key", [&](bson_t* key) {
    for (const auto& k : spec.keys) {
      if (k.text) AppendString(key, k.field, "text");
      else AppendInt(key, k.field, k.direction);
    }
  });
  AppendString(model.get(), "name", spec.name);
  if (spec.unique) AppendBool(model.get(), "unique", true);
  if (spec.sparse) AppendBool(model.get(), "sparse", true);
  if (spec.expire_after_seconds) AppendInt(model.get(), "expireAfterSeconds", *spec.expire_after_seconds);
  return model;
}

// True when the index was created, false when it already existed as specified.
core::Result<bool> CreateIndex(mongoc_database_t* db, const std::string& coll, const IndexSpec& spec,
                               bson_error_t* error) {
  Bson cmd;
  AppendString(cmd.get(), "createIndexes", coll);
  Bson model = IndexModel(spec);
  AppendArray(cmd.get(), "indexes", [&](bson_t* arr) { AppendDoc(arr, "0", model.get()); });
  bson_t reply;
  bool ok = mongoc_database_write_command_with_opts(db, cmd.get(), nullptr, &reply, error);
  BsonView view(&reply);
  bool created = view.Int("numIndexesAfter").value_or(0) > view.Int("numIndexesBefore").value_or(0);
  bson_destroy(&reply);
  if (!ok) return FromBsonError("create index " + coll + "." + spec.name, *error);
  return created;
}

// "created"/"found" for a collection; NamespaceExists (48) means it was there.
core::Result<std::string> CreateCollection(mongoc_database_t* db, const std::string& name) {
  bson_error_t error;
  CollectionHandle created(mongoc_database_create_collection(db, name.c_str(), nullptr, &error));
  if (created) return std::string("created collection ") + name;
  if (error.code == kNamespaceExists) return std::string("found collection ") + name;
  return FromBsonError("create collection " + name, error);
}

IndexKey KeyOf(const bson_iter_t& it) {
  IndexKey key{bson_iter_key(&it), 1, false};
  if (BSON_ITER_HOLDS_UTF8(&it)) key.text = std::string(bson_iter_utf8(&it, nullptr)) == "text";
  else if (BSON_ITER_HOLDS_NUMBER(&it)) key.direction = bson_iter_as_int64(&it) < 0 ? -1 : 1;
  return key;
}

// Real mongod reports a text index as {_fts: "text", _ftsx: 1} plus weights;
// the fields are put back in the order the index name gives them.
std::vector<IndexKey> KeysOf(BsonView index, const std::string& name) {
  std::vector<IndexKey> keys;
  bson_iter_t it;
  bool fts = false;
  if (auto key = index.Document("key"); key && key->Iter(&it)) {
    while (bson_iter_next(&it)) {
      std::string field = bson_iter_key(&it);
      if (field == "_fts" || field == "_ftsx") fts = true;
      else keys.push_back(KeyOf(it));
    }
  }
  auto weights = index.Document("weights");
  if (fts && weights && weights->Iter(&it)) {
    while (bson_iter_next(&it)) keys.push_back({bson_iter_key(&it), 1, true});
    std::stable_sort(keys.begin(), keys.end(), [&](const IndexKey& a, const IndexKey& b) {
      return name.find(a.field + "_text") < name.find(b.field + "_text");
    });
  }
  return keys;
}

IndexSpec SpecOf(BsonView index) {
  IndexSpec spec;
  spec.name = index.String("name").value_or("");
  spec.keys = KeysOf(index, spec.name);
  spec.unique = index.Bool("unique").value_or(false);
  spec.sparse = index.Bool("sparse").value_or(false);
  if (auto ttl = index.Int("expireAfterSeconds")) spec.expire_after_seconds = *ttl;
  return spec;
}

// Calls fn(index document) for each index of `coll`; a missing collection has none.
template <typename Fn>
core::Status EachIndex(const PooledClient& client, const std::string& db, const std::string& coll, Fn&& fn) {
  CollectionHandle handle = client.Collection(db, coll);
  CursorHandle cursor(mongoc_collection_find_indexes_with_opts(handle.get(), nullptr));
  const bson_t* doc = nullptr;
  while (mongoc_cursor_next(cursor.get(), &doc)) fn(BsonView(doc));
  bson_error_t error;
  if (mongoc_cursor_error(cursor.get(), &error) && error.code != 26) {  // 26: NamespaceNotFound
    return FromBsonError("list indexes of " + coll, error);
  }
  return core::Ok();
}

// createIndexes on every run, as the contract's initializeCollections does: an
// identical index is a no-op ("found"), one with other options is refused by
// the server with 85/86 and kept as it is.
core::Result<std::vector<std::string>> InitializeOne(const ClientPool& pool, const PooledClient& client,
                                                     const CollectionSpec& spec) {
  std::string name = pool.CollectionName(spec.name);
  DatabaseHandle db = client.Database(pool.db_name());
  auto line = CreateCollection(db.get(), name);
  if (!line) return std::move(line).error();
  std::vector<std::string> lines = {*line};
  for (const auto& index : spec.indexes) {
    std::string what = name + "." + index.name;
    bson_error_t error;
    auto created = CreateIndex(db.get(), name, index, &error);
    if (created) lines.push_back((*created ? "created index " : "found index ") + what);
    else if (IsIndexConflict(error)) lines.push_back("kept conflicting index " + what + " (code " + std::to_string(error.code) + ")");
    else return std::move(created).error();
  }
  return lines;
}

}  // namespace

core::Result<std::vector<std::string>> InitializeCollections(const ClientPool& pool) {
  PooledClient client = pool.Checkout();
  std::vector<std::string> lines;
  for (const auto& spec : CollectionSpecs()) {
    auto more = InitializeOne(pool, client, spec);
    if (!more) return std::move(more).error();
    lines.insert(lines.end(), more->begin(), more->end());
  }
  return lines;
}

core::Result<std::vector<ReportedIndex>> ListIndexes(const ClientPool& pool) {
  PooledClient client = pool.Checkout();
  std::vector<ReportedIndex> out;
  for (const auto& spec : CollectionSpecs()) {
    auto s = EachIndex(client, pool.db_name(), pool.CollectionName(spec.name), [&](BsonView index) {
      IndexSpec reported = SpecOf(index);
      if (reported.name != "_id_") out.push_back({spec.name, std::move(reported)});
    });
    if (!s) return std::move(s).error();
  }
  std::sort(out.begin(), out.end(), [](const ReportedIndex& a, const ReportedIndex& b) {
    return a.collection != b.collection ? a.collection < b.collection : a.spec.name < b.spec.name;
  });
  return out;
}

}  // namespace echotune::store::mongo
