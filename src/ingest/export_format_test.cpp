#include "ingest/export_format.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/test_util.h"
#include "ingest/export_library.h"

namespace echotune::ingest {
namespace {

void Write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

TEST(ExportFormat, KnownFileNames) {
  EXPECT_EQ(FormatFromFileName("StreamingHistory0.json"), ExportFormat::kBasicHistory);
  EXPECT_EQ(FormatFromFileName("StreamingHistory_music_0.json"), ExportFormat::kBasicHistory);
  EXPECT_EQ(FormatFromFileName("StreamingHistory_podcast_0.json"), ExportFormat::kBasicPodcast);
  EXPECT_EQ(FormatFromFileName("Streaming_History_Audio_2019-2020_0.json"), ExportFormat::kExtendedAudio);
  EXPECT_EQ(FormatFromFileName("Streaming_History_Video_2023.json"), ExportFormat::kExtendedVideo);
  EXPECT_EQ(FormatFromFileName("endsong_0.json"), ExportFormat::kLegacyEndsong);
  EXPECT_EQ(FormatFromFileName("YourLibrary.json"), ExportFormat::kLibrary);
  EXPECT_EQ(FormatFromFileName("Playlist1.json"), ExportFormat::kPlaylists);
  EXPECT_EQ(FormatFromFileName("Userdata.json"), ExportFormat::kUnknown);
  EXPECT_EQ(FormatFromFileName("StreamingHistory0.csv"), ExportFormat::kUnknown);
}

TEST(ExportFormat, ContentDetection) {
  EXPECT_EQ(FormatFromContent("[{\"endTime\": \"x\"}]"), ExportFormat::kBasicHistory);
  EXPECT_EQ(FormatFromContent("[{\"ts\": \"x\", \"username\": \"u\"}]"), ExportFormat::kLegacyEndsong);
  EXPECT_EQ(FormatFromContent("[{\"ts\": \"x\"}]"), ExportFormat::kExtendedAudio);
  EXPECT_EQ(FormatFromContent("{\"tracks\": []}"), ExportFormat::kLibrary);
  EXPECT_EQ(FormatFromContent("{\"playlists\": []}"), ExportFormat::kPlaylists);
  EXPECT_EQ(FormatFromContent("{\"x\": 1}"), ExportFormat::kUnknown);
}

TEST(ExportFormat, FoldersAreScannedForKnownNamesOnly) {
  auto dir = echotune::testing::TempDir("export-scan");
  Write(dir / "MyData" / "StreamingHistory1.json", "[]");
  Write(dir / "MyData" / "StreamingHistory0.json", "[]");
  Write(dir / "MyData" / "Userdata.json", "{}");
  Write(dir / "MyData" / "Playlist1.json", "{}");
  Write(dir / "renamed.json", "[{\"ts\": \"2020-01-01T00:00:00Z\"}]");
  auto files = CollectExportFiles({dir / "MyData", dir / "renamed.json"});
  ASSERT_TRUE(files.ok()) << files.error().message;
  ASSERT_EQ(files->size(), 4u);
  EXPECT_EQ((*files)[0].path.filename(), "Playlist1.json");
  EXPECT_EQ((*files)[1].path.filename(), "StreamingHistory0.json");
  EXPECT_EQ((*files)[2].path.filename(), "StreamingHistory1.json");
  EXPECT_EQ((*files)[3].format, ExportFormat::kExtendedAudio);
  EXPECT_FALSE(CollectExportFiles({dir / "missing"}).ok());
  Write(dir / "other.json", "{\"x\": 1}");
  EXPECT_FALSE(CollectExportFiles({dir / "other.json"}).ok());
}

TEST(ExportLibrary, SavedAndBannedTracks) {
  auto dir = echotune::testing::TempDir("export-library");
  Write(dir / "YourLibrary.json", R"({"tracks": [
    {"artist": "Band", "album": "LP", "track": "Song", "uri": "spotify:track:1dtKN6wwlolkM8XZy2y9C1"},
    {"artist": "Local", "album": "", "track": "Demo", "uri": ""}],
    "albums": [], "shows": [], "episodes": [],
    "bannedTracks": [{"artist": "X", "album": "Y", "track": "Z", "uri": "spotify:track:5hjsmSnUefdUqzsDogisiX"}]})");
  auto lib = ReadExportLibrary((dir / "YourLibrary.json").string());
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  ASSERT_EQ(lib->saved_tracks.size(), 2u);
  EXPECT_EQ(lib->saved_tracks[0].track_id, "1dtKN6wwlolkM8XZy2y9C1");
  EXPECT_EQ(lib->saved_tracks[1].track_id, std::nullopt);
  EXPECT_EQ(lib->saved_tracks[1].name, "Demo");
  ASSERT_EQ(lib->banned_tracks.size(), 1u);
  Write(dir / "bad" / "YourLibrary.json", "{\"tracks\": [}");
  auto bad = ReadExportLibrary((dir / "bad" / "YourLibrary.json").string());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("YourLibrary.json:1:"), std::string::npos) << bad.error().message;
}

TEST(ExportLibrary, PlaylistsWithItemsOfEveryKind) {
  auto dir = echotune::testing::TempDir("export-playlists");
  Write(dir / "Playlist1.json", R"({"playlists": [{"name": "Road trip", "lastModifiedDate": "2021-05-01",
    "description": "loud", "items": [
      {"track": {"trackName": "Song", "artistName": "Band", "albumName": "LP",
                 "trackUri": "spotify:track:1dtKN6wwlolkM8XZy2y9C1"}, "episode": null, "addedDate": "2021-04-30"},
      {"track": null, "episode": {"episodeName": "E"}, "addedDate": "2021-04-30"},
      {"track": {"trackName": "Other", "artistName": "Act", "albumName": "", "trackUri": "spotify:track:5hjsmSnUefdUqzsDogisiX"}}
    ], "numberOfFollowers": 0}]})");
  auto lists = ReadExportPlaylists((dir / "Playlist1.json").string());
  ASSERT_TRUE(lists.ok()) << lists.error().message;
  ASSERT_EQ(lists->size(), 1u);
  const ExportPlaylist& p = (*lists)[0];
  EXPECT_EQ(p.name, "Road trip");
  EXPECT_EQ(p.description, "loud");
  ASSERT_EQ(p.tracks.size(), 2u);
  EXPECT_EQ(p.skipped_items, 1u);
  EXPECT_TRUE(p.tracks[0].added_at.has_value());
  EXPECT_FALSE(p.tracks[1].added_at.has_value());
  Write(dir / "Playlist2.json", "[1, 2]");
  EXPECT_FALSE(ReadExportPlaylists((dir / "Playlist2.json").string()).ok());
}

}  // namespace
}  // namespace echotune::ingest
