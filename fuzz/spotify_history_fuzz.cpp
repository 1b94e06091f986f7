// The streaming-history files of a Spotify export: StreamingHistory*.json
// (basic), Streaming_History_Audio_*.json (extended), endsong_*.json (legacy),
// and the podcast/video variants. The first byte picks the format; the rest is
// the file. Also recognises the format by content, as the importer does for a
// file given under another name.
#include "fuzz/fuzz_util.h"
#include "ingest/export_format.h"
#include "ingest/streaming_history_parser.h"

using namespace echotune;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr ingest::ExportFormat kFormats[] = {
      ingest::ExportFormat::kBasicHistory, ingest::ExportFormat::kExtendedAudio,
      ingest::ExportFormat::kLegacyEndsong, ingest::ExportFormat::kBasicPodcast,
      ingest::ExportFormat::kExtendedVideo};
  static ingest::StreamingHistoryParser parser;  // reused across files, as the importer does
  std::string_view text = fuzz::Text(data, size);
  ingest::ExportFormat format = kFormats[fuzz::TakeByte(text) % std::size(kFormats)];
  (void)ingest::FormatFromContent(text);
  // Exactly the input's size: the parser copies it (no in-place padding), so
  // ASan sees any read past the end.
  std::string file(text);
  auto parsed = parser.Parse(file, format, "StreamingHistory0.json");
  if (parsed.ok()) {
    for (const auto& play : parsed->plays) (void)play.track_name.size();
  }
  return 0;
}
