// The files of a Spotify "Download your data" export, recognised by name (or, for a
// file given explicitly under another name, by content).
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace echotune::ingest {

enum class ExportFormat {
  kBasicHistory,    // StreamingHistory0.json, StreamingHistory_music_0.json
  kBasicPodcast,    // StreamingHistory_podcast_0.json (every row skipped as podcast)
  kExtendedAudio,   // Streaming_History_Audio_2019-2020_0.json
  kExtendedVideo,   // Streaming_History_Video_2023.json (every row skipped as video)
  kLegacyEndsong,   // endsong_0.json
  kLibrary,         // YourLibrary.json
  kPlaylists,       // Playlist1.json
  kUnknown,
};

std::string_view ToString(ExportFormat format);

// By file name alone (no directory part); kUnknown when the name is not one of the above.
ExportFormat FormatFromFileName(std::string_view file_name);

// By the first keys of the JSON text: "endTime" → basic, "ts" with "username" →
// legacy, "ts" → extended, {"tracks": …} → library, {"playlists": …} → playlists.
ExportFormat FormatFromContent(std::string_view json_text);

struct ExportFile {
  std::filesystem::path path;
  ExportFormat format = ExportFormat::kUnknown;
};

// Expands `inputs`: a folder contributes every file below it whose name is a known
// export name (sorted by path); a file is kept with its format by name, else by
// content. VALIDATION_ERROR for a missing input or a file of no known format.
core::Result<std::vector<ExportFile>> CollectExportFiles(const std::vector<std::filesystem::path>& inputs);

}  // namespace echotune::ingest
