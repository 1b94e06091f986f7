// Reading a whole input file into memory.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.h"

namespace echotune::ingest {

// The bytes of `path`. On failure (missing, unreadable, a directory) a VALIDATION_ERROR
// naming the file. The returned string has `padding` spare bytes of capacity after its
// end (simdjson needs 64), so it can be parsed in place without a copy.
core::Result<std::string> ReadFileText(const std::filesystem::path& path, size_t padding = 64);

}  // namespace echotune::ingest
