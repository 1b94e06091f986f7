#include "ingest/file_text.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "ingest/input_error.h"

namespace echotune::ingest {

core::Result<std::string> ReadFileText(const std::filesystem::path& path, size_t padding) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return InputError(path.string(), 0, 0, "is a directory, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return InputError(path.string(), 0, 0, std::string("cannot open: ") + std::strerror(errno));
  in.seekg(0, std::ios::end);
  auto size = static_cast<size_t>(in.tellg());
  in.seekg(0);
  std::string text;
  text.reserve(size + padding);
  text.resize(size);
  if (size > 0 && !in.read(text.data(), static_cast<std::streamsize>(size))) {
    return InputError(path.string(), 0, 0, "read failed");
  }
  return text;
}

}  // namespace echotune::ingest
