// ServeLock: an advisory lock that tells `echotune restore` that an
// `echotune serve` is using the same embedded database. Each serve holds the
// lock shared (several may share one file); restore takes it exclusively and
// refuses when it cannot. The lock lives in "<db_path>.lock" (flock(2), so the
// kernel drops it when the process dies, also on kill -9).
#pragma once

#include <string>

#include "core/result.h"

namespace echotune::store::sqlite {

class ServeLock final {
 public:
  enum class Mode { kShared, kExclusive };

  // Takes the lock without waiting. CONFLICT when another process holds it in
  // a conflicting mode; INTERNAL_ERROR when the lock file cannot be opened.
  [[nodiscard]] static core::Result<ServeLock> Acquire(const std::string& db_path, Mode mode);

  ServeLock(ServeLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  ServeLock& operator=(ServeLock&& other) noexcept;
  ServeLock(const ServeLock&) = delete;
  ServeLock& operator=(const ServeLock&) = delete;
  ~ServeLock();

 private:
  explicit ServeLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace echotune::store::sqlite
