// The embedded backend: SQLite in one file, WAL mode, one table per collection
// named with the "echotune_" prefix, every index of CollectionSpecs() as a real
// SQLite index (docs/storage.md). Thread-safe: a pool of connections, each with
// its own prepared-statement cache.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"
#include "store/token_cipher.h"

namespace echotune::store::sqlite {

struct SqliteOptions {
  bool start_sweeper = true;  // background TTL sweeper thread
  int sweep_interval_s = 30;  // at most 60 (SYSTEM.md §2)
  int pool_size = 4;          // connections
};

// Opens (creating if needed) the database at `path` and its schema.
// `clock` must outlive the Store. INTERNAL_ERROR when the file cannot be opened.
[[nodiscard]] core::Result<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path, const core::Clock& clock, const TokenCipher& cipher,
    SqliteOptions options = {});

}  // namespace echotune::store::sqlite
