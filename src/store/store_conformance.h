// The conformance suite every Store backend must pass (SYSTEM.md §2). The test
// bodies live in store_conformance_test.cpp (TEST_P on StoreConformanceTest);
// a backend joins by instantiating the suite with its factory, in its own
// *_test.cpp in the same store_test binary:
//
//   INSTANTIATE_TEST_SUITE_P(Mongo, StoreConformanceTest,
//                            ::testing::Values(MongoBackend()), BackendName);
//
// The factory gets the test's FakeClock and returns a fresh, empty, initialised
// Store (or an error with code kUnavailable to skip, e.g. no server; the skip
// message is the error message). Expired-document tests move the FakeClock:
// every backend must filter expired documents on read with the injected clock.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace echotune::store::testing {

struct Backend {
  std::string name;  // gtest-safe: letters, digits, underscore
  std::function<core::Result<std::unique_ptr<Store>>(const core::Clock& clock)> make;
};

// gtest prints a parameter with this instead of its raw bytes.
inline void PrintTo(const Backend& backend, std::ostream* os) { *os << backend.name; }

// For INSTANTIATE_TEST_SUITE_P's name generator.
std::string BackendName(const ::testing::TestParamInfo<Backend>& info);

class StoreConformanceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override { store_.reset(); }

  // A stored user with this spotifyId (display name "User <id>").
  model::User NewUser(const std::string& spotify_id);
  // A valid, unsaved listen of `track` by `user` at clock + minutes.
  model::Listen NewListen(const core::ObjectId& user, const std::string& track, int minutes,
                          const std::string& artist = "Artist");
  model::TrackMetadata NewTrack(const std::string& id, double energy, int64_t popularity,
                                std::vector<std::string> genres);

  core::FakeClock clock_{core::TimePoint(std::chrono::seconds(1705320000))};  // 2024-01-15T12:00Z
  std::unique_ptr<Store> store_;
};

}  // namespace echotune::store::testing

// Asserts that a Result/Status failed with `code` (and, for validation, `field`).
#define EXPECT_ERROR_CODE(expr, code_)                                   \
  do {                                                                   \
    auto&& r_ = (expr);                                                  \
    ASSERT_FALSE(r_.ok()) << "expected " #code_;                         \
    EXPECT_EQ(r_.error().code, ::echotune::core::ErrorCode::code_)       \
        << r_.error().message;                                           \
  } while (0)

#define EXPECT_VALIDATION_FIELD(expr, field_)                                  \
  do {                                                                         \
    auto&& r_ = (expr);                                                        \
    ASSERT_FALSE(r_.ok()) << "expected VALIDATION_ERROR on " << field_;        \
    EXPECT_EQ(r_.error().code, ::echotune::core::ErrorCode::kValidationError)  \
        << r_.error().message;                                                 \
    ASSERT_TRUE(r_.error().details.contains("field"));                         \
    EXPECT_EQ(r_.error().details.at("field").as_string(), field_);             \
  } while (0)

#define ASSERT_OK(expr)                                             \
  do {                                                              \
    auto&& r_ = (expr);                                             \
    ASSERT_TRUE(r_.ok()) << r_.error().message;                     \
  } while (0)
