// Secrets kept in a file beside the embedded database when the environment
// does not provide them (zero-configuration mode).
#pragma once

#include <string>

#include "core/result.h"

namespace echotune::core {

// Returns the hex secret stored in `path`; when the file does not exist,
// creates it (mode 0600) with `bytes` random bytes from the OS CSPRNG.
// `created` is set to whether a new file was written. Errors: unreadable or
// malformed file, or one readable by group/others (INTERNAL_ERROR naming it).
Result<std::string> LoadOrCreateSecretFile(const std::string& path, size_t bytes, bool& created);

}  // namespace echotune::core
