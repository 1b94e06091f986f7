// Store: the eight repositories of one backend (SYSTEM.md §2), and OpenStore,
// which picks the backend from the configuration.
//
// Ownership: the Store owns its repositories; references returned by the
// accessors are valid for the life of the Store. All methods are thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/result.h"
#include "store/analytics_repository.h"
#include "store/chat_sessions_repository.h"
#include "store/index_spec.h"
#include "store/listening_history_repository.h"
#include "store/playlists_repository.h"
#include "store/preferences_repository.h"
#include "store/recommendations_repository.h"
#include "store/track_metadata_repository.h"
#include "store/users_repository.h"

namespace echotune::store {

class Store {
 public:
  virtual ~Store() = default;

  virtual UsersRepository& users() = 0;
  virtual ListeningHistoryRepository& listens() = 0;
  virtual RecommendationsRepository& recommendations() = 0;
  virtual PlaylistsRepository& playlists() = 0;
  virtual PreferencesRepository& preferences() = 0;
  virtual AnalyticsRepository& analytics() = 0;
  virtual ChatSessionsRepository& chat_sessions() = 0;
  virtual TrackMetadataRepository& tracks() = 0;

  // `echotune init-db`: creates every collection/table and index of
  // CollectionSpecs() that is missing. Idempotent. Returns one line per object,
  // e.g. "created index echotune_users.spotifyId_1" or "found table echotune_users".
  // Backends that create the schema when opened report that on the first call.
  virtual core::Result<std::vector<std::string>> Init() = 0;
  // The indexes the backend actually has, in ExpectedIndexes() form (sorted by
  // collection, name; the _id index left out).
  virtual core::Result<std::vector<ReportedIndex>> ListIndexes() = 0;
  // Deletes expired documents now (the embedded backend's TTL; MongoDB does this
  // itself and returns 0). Returns how many were deleted.
  virtual core::Result<int64_t> SweepExpired() = 0;
  // Cheap round trip for /api/health.
  virtual core::Status Ping() = 0;
  // "sqlite" or "mongodb".
  virtual std::string_view BackendName() const = 0;
};

// Opens the backend chosen by `config`: embedded SQLite at config.db_path when
// config.mongodb_uri is empty (schema created if missing), else MongoDB through
// OpenMongoStore (store/mongo/mongo_store.h). The token key comes from
// config.token_key; embedded mode without one uses <db_path>.token-key (created
// with mode 0600, with a warning); MongoDB without one is an error.
// `clock` must outlive the Store. Starts the TTL sweeper where the backend needs one.
//
// The MongoDB engineer provides, in store/mongo/mongo_store.h (picked up with
// __has_include by store.cpp), exactly:
//   namespace echotune::store::mongo {
//   core::Result<std::unique_ptr<Store>> OpenMongoStore(const core::Config& config,
//                                                       const core::Clock& clock,
//                                                       const TokenCipher& cipher);
//   }
// OpenStore has already checked that config.token_key is set and valid.
[[nodiscard]] core::Result<std::unique_ptr<Store>> OpenStore(const core::Config& config,
                                                             const core::Clock& clock);

}  // namespace echotune::store
