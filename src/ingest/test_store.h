// Test helper: a fresh embedded store in a temporary directory.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "core/clock.h"
#include "core/config.h"
#include "core/test_util.h"
#include "store/store.h"

namespace echotune::ingest::testing {

// REQUIRES: `clock` outlives the store.
inline std::unique_ptr<store::Store> OpenTestStore(const std::string& tag,
                                                   const core::Clock& clock = core::SystemClock::Instance()) {
  core::Config config;
  config.db_path = (echotune::testing::TempDir(tag) / "echotune.db").string();
  auto store = store::OpenStore(config, clock);
  EXPECT_TRUE(store.ok()) << store.error().message;
  return store.ok() ? std::move(store).value() : nullptr;
}

}  // namespace echotune::ingest::testing
