// Helpers shared by tests (header only; included from *_test.cpp files).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace echotune::testing {

// ../shared/data relative to the source tree (ECHOTUNE_SOURCE_DIR is set by ctest),
// or ECHOTUNE_SHARED_DATA when set.
inline std::filesystem::path SharedDataDir() {
  if (const char* d = std::getenv("ECHOTUNE_SHARED_DATA")) return d;
  const char* src = std::getenv("ECHOTUNE_SOURCE_DIR");
  std::filesystem::path root = src ? src : ".";
  return root / ".." / "shared" / "data";
}

// A fresh, empty temporary directory, unique per call.
inline std::filesystem::path TempDir(const std::string& tag) {
  static int counter = 0;
  auto dir = std::filesystem::temp_directory_path() /
             ("echotune-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace echotune::testing
