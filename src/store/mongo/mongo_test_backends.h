// Test support (header only; included by *_test.cpp): Mongo backends for the
// conformance suite (store/store_conformance.h) and the Mongo-specific tests.
//  - mongo-wire standalone and mongo-wire --replset rs0, started on demand on a
//    free loopback port (mongo_wire_server.h);
//  - a real MongoDB at $ECHOTUNE_TEST_MONGODB_URI, skipped (with a message) when unset.
// Every store gets a fresh database, dropped again when the store is destroyed.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/config.h"
#include "store/mongo/bson_doc.h"
#include "store/mongo/mongo_handles.h"
#include "store/mongo/mongo_store.h"
#include "store/mongo/mongo_wire_server.h"
#include "store/store.h"
#include "store/token_cipher.h"

namespace echotune::store::mongo::testing {

inline constexpr const char* kTestTokenKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

inline std::string FreshDatabaseName() {
  static std::atomic<int> counter{0};
  return "echotune_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

inline core::Config TestConfig(const std::string& uri, const std::string& db_name) {
  core::Config config;
  config.mongodb_uri = uri;
  config.mongodb_db_name = db_name;
  config.mongodb_max_pool_size = 4;
  config.mongodb_min_pool_size = 1;
  config.token_key = kTestTokenKey;
  return config;
}

// Drops a database through a short-lived client of its own.
inline void DropDatabase(const std::string& uri, const std::string& db_name) {
  bson_error_t error;
  UriHandle parsed(mongoc_uri_new_with_error(uri.c_str(), &error));
  if (!parsed) return;
  CHandle<mongoc_client_t, mongoc_client_destroy> client(mongoc_client_new_from_uri(parsed.get()));
  if (!client) return;
  DatabaseHandle db(mongoc_client_get_database(client.get(), db_name.c_str()));
  mongoc_database_drop(db.get(), &error);
}

// A Store that drops its database when destroyed; everything else is delegated.
class DroppingStore final : public Store {
 public:
  DroppingStore(std::unique_ptr<Store> inner, std::string uri, std::string db_name)
      : inner_(std::move(inner)), uri_(std::move(uri)), db_name_(std::move(db_name)) {}
  ~DroppingStore() override {
    inner_.reset();
    DropDatabase(uri_, db_name_);
  }
  UsersRepository& users() override { return inner_->users(); }
  ListeningHistoryRepository& listens() override { return inner_->listens(); }
  RecommendationsRepository& recommendations() override { return inner_->recommendations(); }
  PlaylistsRepository& playlists() override { return inner_->playlists(); }
  PreferencesRepository& preferences() override { return inner_->preferences(); }
  AnalyticsRepository& analytics() override { return inner_->analytics(); }
  ChatSessionsRepository& chat_sessions() override { return inner_->chat_sessions(); }
  TrackMetadataRepository& tracks() override { return inner_->tracks(); }
  core::Result<std::vector<std::string>> Init() override { return inner_->Init(); }
  core::Result<std::vector<ReportedIndex>> ListIndexes() override { return inner_->ListIndexes(); }
  core::Result<int64_t> SweepExpired() override { return inner_->SweepExpired(); }
  core::Status Ping() override { return inner_->Ping(); }
  std::string_view BackendName() const override { return inner_->BackendName(); }

 private:
  std::unique_ptr<Store> inner_;
  std::string uri_;
  std::string db_name_;
};

// A fresh Store on `uri` (a new database each call).
inline core::Result<std::unique_ptr<Store>> OpenTestStore(const std::string& uri, const core::Clock& clock) {
  std::string db_name = FreshDatabaseName();
  auto cipher = TokenCipher::FromHex(kTestTokenKey);
  if (!cipher) return std::move(cipher).error();
  auto store = OpenMongoStore(TestConfig(uri, db_name), clock, *cipher);
  if (!store) return std::move(store).error();
  return std::unique_ptr<Store>(std::make_unique<DroppingStore>(std::move(store).value(), uri, db_name));
}

// The URI of the chosen server: mongo-wire (standalone or replica set), or
// $ECHOTUNE_TEST_MONGODB_URI. kUnavailable (= skip, with the reason) when that
// variable is unset; INTERNAL_ERROR when mongo-wire cannot be started.
enum class Server { kWireStandalone, kWireReplicaSet, kReal };

inline core::Result<std::string> ServerUri(Server server) {
  if (server != Server::kReal) {
    auto uri = SharedMongoWireUri(server == Server::kWireReplicaSet);
    // mongo-wire is part of the shared tools: failing to start it fails the test, it is not a skip.
    if (!uri) return core::Error::Internal("mongo-wire: " + uri.error().message);
    return uri;
  }
  const char* real = std::getenv("ECHOTUNE_TEST_MONGODB_URI");
  if (!real || !*real) {
    return core::Error{core::ErrorCode::kUnavailable,
                       "ECHOTUNE_TEST_MONGODB_URI is not set; the real-MongoDB runs are skipped", {}};
  }
  return std::string(real);
}

// MongoDB (and mongo-wire) apply TTL indexes by the server's wall clock, so a
// suite clock far in the past would see the server delete TTL documents as
// soon as they are written. The suite's FakeClock is therefore moved to the
// present (whole seconds) before the store is opened; tests only ever use
// times relative to it.
inline void MoveSuiteClockToThePresent(const core::Clock& clock) {
  if (auto* fake = dynamic_cast<const core::FakeClock*>(&clock)) {
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    const_cast<core::FakeClock*>(fake)->Set(now);  // the fixture owns a non-const FakeClock
  }
}

}  // namespace echotune::store::mongo::testing
