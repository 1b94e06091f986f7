// The conformance suite (store/store_conformance_test.cpp) on MongoDB:
// mongo-wire standalone (ordered idempotent writes, no transactions),
// mongo-wire as a one-node replica set (transactions), and a real MongoDB at
// $ECHOTUNE_TEST_MONGODB_URI when set (skipped otherwise).
#include "store/mongo/mongo_test_backends.h"
#include "store/store_conformance.h"

#include <optional>
#include <string>

namespace echotune::store::testing {
namespace {

namespace mt = echotune::store::mongo::testing;

// Conformance cases the test server cannot run, with the reason (they run on a
// real MongoDB). Skipped, never passed.
std::optional<std::string> WireLimitation(mt::Server server) {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  if (server == mt::Server::kWireReplicaSet && test &&
      std::string(test->name()).starts_with("DeletingAUserDeletesEverythingTheUserOwns")) {
    return "mongo-wire --replset runs only the first command of a multi-document transaction: the next "
           "one carries autocommit:false without startTransaction and mongomock_wire.py's run_command "
           "refuses it with code 20 (IllegalOperation); the cascade delete is 7 commands in one transaction";
  }
  return std::nullopt;
}

Backend MongoBackend(const std::string& name, mt::Server server) {
  return {name, [server](const core::Clock& clock) -> core::Result<std::unique_ptr<Store>> {
            if (auto why = WireLimitation(server)) return core::Error{core::ErrorCode::kUnavailable, *why, {}};
            auto uri = mt::ServerUri(server);
            if (!uri) return std::move(uri).error();
            mt::MoveSuiteClockToThePresent(clock);
            return mt::OpenTestStore(*uri, clock);
          }};
}

INSTANTIATE_TEST_SUITE_P(MongoWire, StoreConformanceTest,
                         ::testing::Values(MongoBackend("MongoWire", mt::Server::kWireStandalone)), BackendName);

INSTANTIATE_TEST_SUITE_P(MongoWireReplicaSet, StoreConformanceTest,
                         ::testing::Values(MongoBackend("MongoWireReplicaSet", mt::Server::kWireReplicaSet)),
                         BackendName);

INSTANTIATE_TEST_SUITE_P(RealMongo, StoreConformanceTest,
                         ::testing::Values(MongoBackend("RealMongo", mt::Server::kReal)), BackendName);

}  // namespace
}  // namespace echotune::store::testing
