#include "core/secret_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/random.h"

namespace echotune::core {
namespace {

bool IsHex(const std::string& s) {
  if (s.empty() || s.size() % 2) return false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

Result<std::string> Create(const std::string& path, size_t bytes) {
  std::string secret = SecureRandomHex(bytes);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Internal("cannot create " + path + ": " + std::strerror(errno));
  std::string line = secret + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok) return Error::Internal("cannot write " + path);
  return secret;
}

}  // namespace

Result<std::string> LoadOrCreateSecretFile(const std::string& path, size_t bytes, bool& created) {
  created = false;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return Error::Internal("cannot stat " + path + ": " + std::strerror(errno));
    auto made = Create(path, bytes);
    created = made.ok();
    // Another process may have won the race to create it: read theirs.
    if (made.ok() || errno != EEXIST) return made;
  }
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    return Error::Internal(path + " is readable by other users; run chmod 600 on it");
  }
  std::ifstream in(path);
  std::string secret;
  std::getline(in, secret);
  if (!IsHex(secret)) return Error::Internal(path + " does not hold a hex secret");
  return secret;
}

}  // namespace echotune::core
