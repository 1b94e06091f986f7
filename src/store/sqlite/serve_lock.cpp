#include "store/sqlite/serve_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace echotune::store::sqlite {

core::Result<ServeLock> ServeLock::Acquire(const std::string& db_path, Mode mode) {
  const std::string path = db_path + ".lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return core::Error::Internal("cannot open " + path + ": " + std::strerror(errno));
  int op = (mode == Mode::kShared ? LOCK_SH : LOCK_EX) | LOCK_NB;
  if (::flock(fd, op) != 0) {
    int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) return core::Error::Conflict(path + " is locked by another echotune process");
    return core::Error::Internal("cannot lock " + path + ": " + std::strerror(err));
  }
  return ServeLock(fd);
}

ServeLock& ServeLock::operator=(ServeLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

ServeLock::~ServeLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the only descriptor releases the flock
}

}  // namespace echotune::store::sqlite
