// YourLibrary.json and Playlist*.json of a Spotify export. The first byte
// picks the file type; the rest is the file.
#include "fuzz/fuzz_util.h"
#include "ingest/export_format.h"
#include "ingest/export_library.h"

using namespace echotune;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  const bool library = fuzz::TakeByte(text) % 2 == 0;
  (void)ingest::FormatFromContent(text);
  if (library) {
    (void)ingest::ParseExportLibrary(std::string(text), "YourLibrary.json");
  } else {
    (void)ingest::ParseExportPlaylists(std::string(text), "Playlist1.json");
  }
  return 0;
}
