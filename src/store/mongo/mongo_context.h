// MongoContext: what every Mongo repository shares — the pool, the injected
// clock, the token cipher — plus the checks that several of them make.
// Immutable after construction; thread-safe.
#pragma once

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "store/mongo/bson_doc.h"
#include "store/mongo/client_pool.h"
#include "store/token_cipher.h"

namespace echotune::store::mongo {

struct MongoContext {
  const ClientPool& pool;
  const core::Clock& clock;
  const TokenCipher cipher;
  const bool transactions;  // pool.supports_transactions()

  // Truncated to milliseconds, the precision of a BSON date, so what a write
  // returns equals what a later read returns.
  core::TimePoint Now() const { return std::chrono::time_point_cast<std::chrono::milliseconds>(clock.Now()); }
  // OK when the user exists, NOT_FOUND otherwise (referential integrity,
  // 03-DATA-MODELS.md §11). Reads outside any transaction.
  core::Status RequireUser(const core::ObjectId& user_id) const;
};

// Compare-and-set loops: how often to try, and a short randomised pause
// between tries so contending writers spread out.
inline constexpr int kCasAttempts = 20;
void CasPause(int attempt);

// {key: id}
Bson IdFilter(const core::ObjectId& id, const char* key = "_id");

// The empty options document.
inline Bson NoOpts() { return Bson(); }

// Find options {sort: {k1: d1, k2: d2, ...}, limit: n} (limit 0 = none).
Bson SortLimit(std::initializer_list<std::pair<const char*, int>> sort, int64_t limit = 0, int64_t skip = 0);

}  // namespace echotune::store::mongo
