#include "store/mongo/mongo_context.h"

#include <random>
#include <thread>

#include "store/index_spec.h"
#include "store/mongo/collection_ref.h"

namespace echotune::store::mongo {

core::Status MongoContext::RequireUser(const core::ObjectId& user_id) const {
  CollectionRef users(pool, collections::kUsers);
  Bson find_opts;
  AppendDocument(find_opts.get(), "projection", [](bson_t* p) { AppendInt(p, "_id", 1); });
  auto found = users.FindOne(IdFilter(user_id), find_opts);
  if (!found) return std::move(found).error();
  if (!*found) return core::Error::NotFound("user " + user_id.ToHex() + " not found");
  return core::Ok();
}

void CasPause(int attempt) {
  thread_local std::minstd_rand random(std::random_device{}());
  std::this_thread::sleep_for(std::chrono::microseconds(random() % (200 * (attempt + 1))));
}

Bson IdFilter(const core::ObjectId& id, const char* key) {
  Bson filter;
  AppendOid(filter.get(), key, id);
  return filter;
}

Bson SortLimit(std::initializer_list<std::pair<const char*, int>> sort, int64_t limit, int64_t skip) {
  Bson opts;
  AppendDocument(opts.get(), "sort", [&](bson_t* s) {
    for (const auto& [key, dir] : sort) AppendInt(s, key, dir);
  });
  if (limit > 0) AppendInt(opts.get(), "limit", limit);
  if (skip > 0) AppendInt(opts.get(), "skip", skip);
  return opts;
}

}  // namespace echotune::store::mongo
