// Helpers shared by tests (header only; included from *_test.cpp files).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <unistd.h>
#include <vector>

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

namespace internal {

// The directories TempDir made; removed when the test process exits normally,
// so a suite run leaves nothing in /tmp. Only the process that made them removes
// them (a forked child that exits must not), and ECHOTUNE_KEEP_TEMP=1 keeps
// them for a post-mortem.
class TempDirRegistry {
 public:
  ~TempDirRegistry() {
    if (::getpid() != owner_ || std::getenv("ECHOTUNE_KEEP_TEMP") != nullptr) return;
    for (const auto& dir : dirs_) {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  }

  std::filesystem::path Make(const std::string& tag) {
    std::lock_guard lock(mu_);
    auto dir = std::filesystem::temp_directory_path() /
               ("echotune-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    dirs_.push_back(dir);
    return dir;
  }

 private:
  const pid_t owner_ = ::getpid();
  std::mutex mu_;
  int counter_ = 0;
  std::vector<std::filesystem::path> dirs_;
};

inline TempDirRegistry& TempDirs() {
  static TempDirRegistry registry;
  return registry;
}

}  // namespace internal

// A fresh, empty temporary directory, unique per call; removed with everything
// in it when the test process exits (see internal::TempDirRegistry).
inline std::filesystem::path TempDir(const std::string& tag) { return internal::TempDirs().Make(tag); }

}  // namespace echotune::testing
