#include "ingest/export_format.h"

#include <algorithm>
#include <fstream>
#include <string>

#include "ingest/input_error.h"

namespace echotune::ingest {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string Head(const std::filesystem::path& path, size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string head(bytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(bytes));
  head.resize(static_cast<size_t>(in.gcount()));
  return head;
}

core::Status AddFolder(const std::filesystem::path& dir, std::vector<ExportFile>& out) {
  std::vector<ExportFile> found;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    ExportFormat f = FormatFromFileName(it->path().filename().string());
    if (f != ExportFormat::kUnknown) found.push_back({it->path(), f});
  }
  if (ec) return InputError(dir.string(), 0, 0, "cannot read folder: " + ec.message());
  std::sort(found.begin(), found.end(), [](const ExportFile& a, const ExportFile& b) { return a.path < b.path; });
  out.insert(out.end(), found.begin(), found.end());
  return core::Ok();
}

}  // namespace

std::string_view ToString(ExportFormat format) {
  switch (format) {
    case ExportFormat::kBasicHistory: return "basic streaming history";
    case ExportFormat::kBasicPodcast: return "basic podcast history";
    case ExportFormat::kExtendedAudio: return "extended streaming history";
    case ExportFormat::kExtendedVideo: return "extended video history";
    case ExportFormat::kLegacyEndsong: return "legacy extended history (endsong)";
    case ExportFormat::kLibrary: return "library";
    case ExportFormat::kPlaylists: return "playlists";
    case ExportFormat::kUnknown: return "unknown";
  }
  return "unknown";
}

ExportFormat FormatFromFileName(std::string_view name) {
  if (!EndsWith(name, ".json")) return ExportFormat::kUnknown;
  if (StartsWith(name, "StreamingHistory_podcast")) return ExportFormat::kBasicPodcast;
  if (StartsWith(name, "StreamingHistory")) return ExportFormat::kBasicHistory;
  if (StartsWith(name, "Streaming_History_Audio")) return ExportFormat::kExtendedAudio;
  if (StartsWith(name, "Streaming_History_Video")) return ExportFormat::kExtendedVideo;
  if (StartsWith(name, "endsong")) return ExportFormat::kLegacyEndsong;
  if (name == "YourLibrary.json") return ExportFormat::kLibrary;
  if (StartsWith(name, "Playlist")) return ExportFormat::kPlaylists;
  return ExportFormat::kUnknown;
}

ExportFormat FormatFromContent(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string_view::npos) return ExportFormat::kUnknown;
  if (text[first] == '{') {
    if (text.find("\"playlists\"") != std::string_view::npos) return ExportFormat::kPlaylists;
    if (text.find("\"tracks\"") != std::string_view::npos) return ExportFormat::kLibrary;
    return ExportFormat::kUnknown;
  }
  if (text.find("\"endTime\"") != std::string_view::npos) return ExportFormat::kBasicHistory;
  if (text.find("\"ts\"") == std::string_view::npos) return ExportFormat::kUnknown;
  return text.find("\"username\"") != std::string_view::npos ? ExportFormat::kLegacyEndsong
                                                             : ExportFormat::kExtendedAudio;
}

core::Result<std::vector<ExportFile>> CollectExportFiles(const std::vector<std::filesystem::path>& inputs) {
  std::vector<ExportFile> files;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) {
      if (auto s = AddFolder(input, files); !s.ok()) return std::move(s).error();
      continue;
    }
    if (!std::filesystem::exists(input, ec)) return InputError(input.string(), 0, 0, "no such file or folder");
    ExportFormat f = FormatFromFileName(input.filename().string());
    if (f == ExportFormat::kUnknown) f = FormatFromContent(Head(input, 4096));
    if (f == ExportFormat::kUnknown) {
      return InputError(input.string(), 0, 0, "not a Spotify export file of a known format");
    }
    files.push_back({input, f});
  }
  return files;
}

}  // namespace echotune::ingest
