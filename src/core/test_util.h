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

// The `echotune` binary: ECHOTUNE_BINARY when set, else the one beside the
// running test executable (both live in the build directory).
inline std::filesystem::path EchotuneBinary() {
  if (const char* b = std::getenv("ECHOTUNE_BINARY")) return b;
  return std::filesystem::read_symlink("/proc/self/exe").parent_path() / "echotune";
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
