// Test helper: a fresh embedded store in a temporary directory.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "core/clock.h"
#include "core/config.h"
#include "core/test_util.h"
#include "store/store.h"

namespace echotune::ingest::testing {

inline std::unique_ptr<store::Store> OpenTestStore(const std::string& tag) {
  core::Config config;
  config.db_path = (echotune::testing::TempDir(tag) / "echotune.db").string();
  auto store = store::OpenStore(config, core::SystemClock::Instance());
  EXPECT_TRUE(store.ok()) << store.error().message;
  return store.ok() ? std::move(store).value() : nullptr;
}

}  // namespace echotune::ingest::testing
