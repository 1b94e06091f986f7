#include "ingest/export_importer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/time_format.h"
#include "ingest/catalog_importer.h"
#include "ingest/library_writer.h"
#include "ingest/test_store.h"
#include "ingest/track_id.h"

namespace echotune::ingest {
namespace {

using echotune::testing::SharedDataDir;

std::filesystem::path Samples() { return SharedDataDir() / "spotify-export-samples"; }

void Write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

class ExportImporterTest : public ::testing::Test {
 protected:
  ExportImporterTest() : progress_(out_, false, core::SystemClock::Instance()) {}

  core::Result<ImportSummary> Import(const std::vector<std::filesystem::path>& inputs, const std::string& user = "u1",
                                     size_t batch = 5000) {
    auto files = CollectExportFiles(inputs);
    if (!files.ok()) return std::move(files).error();
    ExportImporter importer(*store_, progress_);
    auto r = importer.Import(*files, ExportImportOptions{user, std::nullopt, batch});
    user_id_ = importer.user_id();
    return r;
  }
  std::vector<model::Listen> History() {
    return *store_->listens().ListInRange(user_id_, core::FromUnixMillis(0), core::FromUnixMillis(4102444800000LL));
  }

  std::unique_ptr<store::Store> store_ = testing::OpenTestStore("export-import");
  std::ostringstream out_;
  ProgressReporter progress_;
  core::ObjectId user_id_;
};

TEST_F(ExportImporterTest, ExtendedSampleFolderMatchesProvenanceAndReimportAddsNothing) {
  auto r = Import({Samples() / "extended_2022_2026_efrrowini"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->errors.empty());
  EXPECT_EQ(r->rows, 6978 + 16);
  EXPECT_EQ(r->skipped["podcast"], 49);
  EXPECT_EQ(r->skipped["video"], 16);
  EXPECT_EQ(r->skipped[kSkipAlreadyImported], 1);  // one row is in the 2022 file twice
  EXPECT_EQ(r->imported, 6929 - 1);
  EXPECT_EQ(*store_->listens().CountForUser(user_id_), 6928);
  auto user = store_->users().GetBySpotifyId("u1");
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->display_name, "u1");
  std::set<std::string> tracks;
  for (const auto& l : History()) tracks.insert(l.track_id);
  EXPECT_EQ(tracks.size(), 1207u);

  auto again = Import({Samples() / "extended_2022_2026_efrrowini"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->imported, 0);
  EXPECT_EQ(again->skipped[kSkipAlreadyImported], 6929);
  EXPECT_EQ(*store_->listens().CountForUser(user_id_), 6928);
}

TEST_F(ExportImporterTest, ExtendedPlayBecomesAListenThatStartedWhenItEnded_minusMsPlayed) {
  auto r = Import({Samples() / "extended_2022_2026_efrrowini" / "Streaming_History_Audio_2022.json"});
  ASSERT_TRUE(r.ok());
  auto history = History();
  EXPECT_EQ(history.size(), 35u - 1u);  // one row of the file is there twice
  // The file's first row: "Fight Song", ended 2022-11-12T13:59:51Z after 66,871 ms, skipped.
  auto it = std::find_if(history.begin(), history.end(), [](const model::Listen& l) {
    return core::FormatIso8601(l.played_at) == "2022-11-12T13:58:44.129Z";
  });
  ASSERT_NE(it, history.end());
  const model::Listen& first = *it;
  EXPECT_EQ(first.track_id, "37f4ITSlgPX81ad2EvmVQr");
  EXPECT_EQ(first.artist_name, "Rachel Platten");
  EXPECT_EQ(first.album_name, "Wildfire");
  EXPECT_EQ(first.skip_count, 1);
  EXPECT_EQ(first.duration_ms, 66871);  // not in the catalogue: ms played
  EXPECT_EQ(first.context.device_type, model::DeviceType::kSmartphone);
}

TEST_F(ExportImporterTest, BasicSampleResolvesNamesAgainstTheCatalogue) {
  progress_.BeginFile("catalogue", 0);
  CatalogImporter catalog(store_->tracks(), progress_);
  std::vector<std::filesystem::path> songs;
  for (int i = 1; i <= 3; ++i) songs.push_back(SharedDataDir() / "spotify-songs-2020" / ("spotify_songs.part" + std::to_string(i) + ".csv"));
  ASSERT_TRUE(catalog.Import(songs, {}).ok());

  auto r = Import({Samples() / "basic_2020_cosmoduende"}, "cosmo");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->rows, 6866);
  EXPECT_EQ(r->imported, 6866);
  size_t resolved = 0, local = 0, short_skips = 0;
  for (const auto& l : History()) {
    (l.track_id.rfind("local:", 0) == 0 ? local : resolved) += 1;
    short_skips += l.skip_count;
    if (l.track_name.rfind("Loco Contigo (with J. Balvin & Ozuna feat.", 0) == 0 && l.artist_name == "DJ Snake") {
      EXPECT_EQ(l.track_id, "5QXQy0f2q8wJNpPwJtjifx");
      EXPECT_GT(l.duration_ms, 8691);  // the catalogue's duration, not the 8.7 s played
    }
  }
  EXPECT_GT(resolved, 1500u);
  EXPECT_EQ(resolved + local, 6866u);
  EXPECT_EQ(short_skips, 1716u);  // plays under 30 s
}

TEST_F(ExportImporterTest, UnmatchedBasicPlaysGetStableLocalIds) {
  auto dir = echotune::testing::TempDir("export-basic");
  Write(dir / "StreamingHistory_music_0.json",
        R"([{"endTime":"2023-02-01 10:00","artistName":"Nobody","trackName":"Nothing","msPlayed":120000},
            {"endTime":"2023-02-01 10:05","artistName":"Nobody","trackName":"Nothing","msPlayed":10000}])");
  auto r = Import({dir});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->imported, 2);
  auto history = History();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].track_id, LocalTrackId("Nobody", "Nothing"));
  EXPECT_EQ(core::FormatIso8601(history[0].played_at), "2023-02-01T09:58:00.000Z");
  EXPECT_EQ(history[0].skip_count, 0);
  EXPECT_EQ(history[1].skip_count, 1);
  EXPECT_EQ(history[0].album_name, "");
}

TEST_F(ExportImporterTest, MalformedFileWritesNothingOfItButOthersImport) {
  auto dir = echotune::testing::TempDir("export-bad");
  Write(dir / "endsong_0.json", R"([{"ts":"2021-03-01T10:00:00Z","username":"x","platform":"OS X 10.15.7 [x86 8]",
    "ms_played":200000,"master_metadata_track_name":"Song","master_metadata_album_artist_name":"Band",
    "master_metadata_album_album_name":"LP","spotify_track_uri":"spotify:track:1dtKN6wwlolkM8XZy2y9C1","skipped":null}])");
  Write(dir / "endsong_1.json", "[{\"ts\":\"2021-03-01T11:00:00Z\",\"ms_played\":1,\n\"spotify_track_uri\":\"spotify:track:5hjsmSnUefdUqzsDogisiX\",]");
  auto r = Import({dir});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].rfind((dir / "endsong_1.json").string() + ":2:", 0), 0u) << r->errors[0];
  auto history = History();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].context.device_type, model::DeviceType::kComputer);
  EXPECT_EQ(history[0].skip_count, 0);
}

// Regression (issue 15): a malformed export used to leave an empty new user.
TEST_F(ExportImporterTest, MalformedExportCreatesNoUser) {
  auto dir = echotune::testing::TempDir("export-malformed-user");
  Write(dir / "StreamingHistory0.json", "[\n {\"endTime\": \"2020-01-01 10:00\",\n  \"msPlayed\": 5 \n");
  Write(dir / "YourLibrary.json", "{\"tracks\": [");
  auto r = Import({dir}, "nobody");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->errors.size(), 2u);
  EXPECT_TRUE(user_id_.IsZero());
  EXPECT_EQ(store_->users().GetBySpotifyId("nobody").error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(*store_->users().Count(), 0);
}

TEST_F(ExportImporterTest, UserIsCreatedOnceAFileHasSomethingToWrite) {
  auto r = Import({Samples() / "extended_2022_2026_efrrowini" / "Streaming_History_Audio_2022.json"}, "fresh");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_FALSE(user_id_.IsZero());
  EXPECT_EQ(store_->users().GetBySpotifyId("fresh")->id, user_id_);
  EXPECT_NE(std::find(r->warnings.begin(), r->warnings.end(), "created user fresh (" + user_id_.ToHex() + ")"),
            r->warnings.end());
  EXPECT_GT(*store_->listens().CountForUser(user_id_), 0);
}

TEST_F(ExportImporterTest, LibraryBecomesLikedFeedbackAndPlaylistsAreManual) {
  auto dir = echotune::testing::TempDir("export-library");
  Write(dir / "YourLibrary.json", R"({"tracks": [
      {"artist": "Band", "album": "LP", "track": "Song", "uri": "spotify:track:1dtKN6wwlolkM8XZy2y9C1"},
      {"artist": "Act", "album": "EP", "track": "Tune", "uri": "spotify:track:5hjsmSnUefdUqzsDogisiX"}],
    "bannedTracks": [{"artist": "X", "album": "Y", "track": "Z", "uri": "spotify:track:5t6q0AC5pTGxCnLSg3qu4i"}]})");
  Write(dir / "Playlist1.json", R"({"playlists": [{"name": "Road trip", "lastModifiedDate": "2021-05-01",
      "items": [{"track": {"trackName": "Song", "artistName": "Band", "albumName": "LP",
                           "trackUri": "spotify:track:1dtKN6wwlolkM8XZy2y9C1"}, "addedDate": "2021-04-30"},
                {"track": null, "episode": {"episodeName": "E"}}]}]})");
  auto r = Import({dir});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->errors.empty());
  auto feedback = store_->recommendations().FeedbackForUser(user_id_);
  ASSERT_TRUE(feedback.ok());
  EXPECT_EQ(feedback->liked_tracks, (std::vector<std::string>{"1dtKN6wwlolkM8XZy2y9C1", "5hjsmSnUefdUqzsDogisiX"}));
  EXPECT_EQ(feedback->saved_tracks.size(), 2u);
  EXPECT_EQ(feedback->disliked_tracks, (std::vector<std::string>{"5t6q0AC5pTGxCnLSg3qu4i"}));
  auto playlists = store_->playlists().ListByUser(user_id_, 0, 10);
  ASSERT_TRUE(playlists.ok());
  ASSERT_EQ(playlists->items.size(), 2u);
  for (const auto& p : playlists->items) {
    EXPECT_EQ(p.playlist_type, model::PlaylistType::kManual);
    EXPECT_EQ(p.tracks.size(), p.name == kLikedSongsPlaylist ? 2u : 1u);
  }
  EXPECT_EQ(r->skipped["playlist item without a track"], 1);

  auto again = Import({dir});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->imported, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(store_->playlists().ListByUser(user_id_, 0, 10)->items.size(), 2u);
}

TEST(ExportImporterLibrary, SavedAndBannedTracksSurviveTheRecommendationTtl) {
  core::FakeClock clock(core::TimePoint(std::chrono::seconds(1'767'225'600)));  // 2026-01-01
  auto store = testing::OpenTestStore("export-library-ttl", clock);
  auto dir = echotune::testing::TempDir("export-library-ttl");
  Write(dir / "YourLibrary.json", R"({"tracks": [
      {"artist": "Band", "album": "LP", "track": "Song", "uri": "spotify:track:1dtKN6wwlolkM8XZy2y9C1"}],
    "bannedTracks": [{"artist": "X", "album": "Y", "track": "Z", "uri": "spotify:track:5t6q0AC5pTGxCnLSg3qu4i"}]})");
  std::ostringstream out;
  ProgressReporter progress(out, false, clock);
  ExportImporter importer(*store, progress);
  auto files = CollectExportFiles({dir});
  ASSERT_TRUE(files.ok());
  ASSERT_TRUE(importer.Import(*files, ExportImportOptions{"u1", std::nullopt, 5000}).ok());

  clock.Advance(std::chrono::hours(24 * 8));
  EXPECT_TRUE(store->recommendations().FeedbackForUser(importer.user_id())->saved_tracks.empty());  // expired
  auto prefs = store->preferences().Get(importer.user_id());
  ASSERT_TRUE(prefs.ok());
  ASSERT_TRUE(prefs->track_feedback.has_value());
  EXPECT_EQ(prefs->track_feedback->saved_tracks, std::vector<std::string>{"1dtKN6wwlolkM8XZy2y9C1"});
  EXPECT_EQ(prefs->track_feedback->liked_tracks, std::vector<std::string>{"1dtKN6wwlolkM8XZy2y9C1"});
  EXPECT_EQ(prefs->track_feedback->disliked_tracks, std::vector<std::string>{"5t6q0AC5pTGxCnLSg3qu4i"});
  auto again = importer.Import(*files, ExportImportOptions{"u1", std::nullopt, 5000});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->imported, 0);  // the durable copy counts as already imported
}

TEST_F(ExportImporterTest, SmallBatchesGiveTheSameResult) {
  auto r = Import({Samples() / "extended_2022_2026_efrrowini" / "Streaming_History_Audio_2023.json"}, "u2", 100);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->imported, 1457);
  EXPECT_EQ(*store_->listens().CountForUser(user_id_), 1457);
}

}  // namespace
}  // namespace echotune::ingest
