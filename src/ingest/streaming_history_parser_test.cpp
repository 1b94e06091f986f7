#include "ingest/streaming_history_parser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "core/test_util.h"
#include "core/time_format.h"

namespace echotune::ingest {
namespace {

using echotune::testing::SharedDataDir;

std::filesystem::path Samples() { return SharedDataDir() / "spotify-export-samples"; }

core::Result<ParsedHistory> ParseText(const std::string& text, ExportFormat format) {
  StreamingHistoryParser parser;
  return parser.Parse(text, format, "f.json");
}

TEST(StreamingHistoryParser, BasicSampleHasEveryPlayWithStartTimes) {
  StreamingHistoryParser parser;
  auto h = parser.ParseFile({Samples() / "basic_2020_cosmoduende" / "StreamingHistory0.json",
                             ExportFormat::kBasicHistory});
  ASSERT_TRUE(h.ok()) << h.error().message;
  EXPECT_EQ(h->rows, 6866u);
  ASSERT_EQ(h->plays.size(), 6866u);
  std::set<std::pair<std::string, std::string>> pairs;
  std::set<std::string> artists;
  for (const auto& p : h->plays) {
    pairs.insert({p.artist_name, p.track_name});
    artists.insert(p.artist_name);
  }
  EXPECT_EQ(pairs.size(), 2962u);
  EXPECT_EQ(artists.size(), 1264u);
  const ExportPlay& first = h->plays.front();
  EXPECT_EQ(first.artist_name, "Daniel, Me Estás Matando");
  EXPECT_EQ(first.track_name, "Fúgate");
  EXPECT_FALSE(first.track_id);
  EXPECT_EQ(core::FormatIso8601(first.ended_at), "2020-01-16T03:13:00.000Z");
  EXPECT_EQ(core::FormatIso8601(first.StartedAt()), "2020-01-16T03:09:40.075Z");
}

TEST(StreamingHistoryParser, ExtendedSampleMatchesProvenanceCounts) {
  StreamingHistoryParser parser;
  const std::pair<const char*, size_t> kFiles[] = {{"2022", 35}, {"2023", 1470}, {"2024", 3154}, {"2026", 2319}};
  size_t rows = 0, plays = 0, podcasts = 0;
  std::set<std::string> uris;
  for (const auto& [year, expected] : kFiles) {
    auto path = Samples() / "extended_2022_2026_efrrowini" / (std::string("Streaming_History_Audio_") + year + ".json");
    auto h = parser.ParseFile({path, ExportFormat::kExtendedAudio});
    ASSERT_TRUE(h.ok()) << h.error().message;
    EXPECT_EQ(h->rows, expected);
    rows += h->rows;
    plays += h->plays.size();
    podcasts += h->skipped[kSkipPodcast];
    for (const auto& p : h->plays) uris.insert(*p.track_id);
  }
  EXPECT_EQ(rows, 35u + 1470u + 3154u + 2319u);
  EXPECT_EQ(podcasts, 49u);
  EXPECT_EQ(plays, rows - podcasts);
  EXPECT_EQ(uris.size(), 1207u);
}

TEST(StreamingHistoryParser, ExtendedRowFields) {
  StreamingHistoryParser parser;
  auto h = parser.ParseFile({Samples() / "extended_2022_2026_efrrowini" / "Streaming_History_Audio_2022.json",
                             ExportFormat::kExtendedAudio});
  ASSERT_TRUE(h.ok());
  const ExportPlay& p = h->plays.front();
  EXPECT_EQ(p.track_id, "37f4ITSlgPX81ad2EvmVQr");
  EXPECT_EQ(p.track_name, "Fight Song");
  EXPECT_EQ(p.artist_name, "Rachel Platten");
  EXPECT_EQ(p.album_name, "Wildfire");
  EXPECT_EQ(p.platform, "android");
  EXPECT_EQ(p.ms_played, 66871);
  EXPECT_EQ(p.skipped, true);
  EXPECT_EQ(p.reason_start, "clickrow");
  EXPECT_EQ(core::FormatIso8601(p.StartedAt()), "2022-11-12T13:58:44.129Z");
}

TEST(StreamingHistoryParser, VideoFileRowsAreAllSkippedAsVideo) {
  StreamingHistoryParser parser;
  auto h = parser.ParseFile({Samples() / "extended_2022_2026_efrrowini" / "Streaming_History_Video_2023.json",
                             ExportFormat::kExtendedVideo});
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rows, 16u);
  EXPECT_TRUE(h->plays.empty());
  EXPECT_EQ(h->skipped[kSkipVideo], 16u);
}

TEST(StreamingHistoryParser, LegacyEndsongWithNullSkippedAndAudiobooks) {
  std::string text = R"json([
 {"ts":"2021-03-01T10:00:00Z","username":"redacted","platform":"Android OS 9 API 28 (samsung, SM-G960F)",
  "ms_played":200000,"conn_country":"DE","ip_addr_decrypted":"0.0.0.0","user_agent_decrypted":"unknown",
  "master_metadata_track_name":"Song","master_metadata_album_artist_name":"Band",
  "master_metadata_album_album_name":"LP","spotify_track_uri":"spotify:track:1dtKN6wwlolkM8XZy2y9C1",
  "episode_name":null,"episode_show_name":null,"spotify_episode_uri":null,"reason_start":"trackdone",
  "reason_end":"trackdone","shuffle":null,"skipped":null,"offline":false,"offline_timestamp":1614592800000,
  "incognito_mode":false},
 {"ts":"2021-03-01T11:00:00Z","ms_played":5000,"master_metadata_track_name":null,
  "spotify_track_uri":null,"episode_name":"Ep 1","spotify_episode_uri":"spotify:episode:x"},
 {"ts":"2021-03-01T12:00:00Z","ms_played":5000,"spotify_track_uri":null,"audiobook_title":"Book",
  "audiobook_uri":"spotify:audiobook:x"},
 {"ts":"2021-03-01T13:00:00Z","ms_played":0,"spotify_track_uri":null,"master_metadata_track_name":null}
])json";
  auto h = ParseText(text, ExportFormat::kLegacyEndsong);
  ASSERT_TRUE(h.ok()) << h.error().message;
  EXPECT_EQ(h->rows, 4u);
  ASSERT_EQ(h->plays.size(), 1u);
  EXPECT_EQ(h->plays[0].skipped, std::nullopt);
  EXPECT_EQ(h->skipped[kSkipPodcast], 1u);
  EXPECT_EQ(h->skipped[kSkipAudiobook], 1u);
  EXPECT_EQ(h->skipped[kSkipNoTrack], 1u);
}

TEST(StreamingHistoryParser, BasicPodcastFileIsSkipped) {
  auto h = ParseText(R"([{"endTime":"2023-01-01 10:00","podcastName":"P","episodeName":"E","msPlayed":1}])",
                     ExportFormat::kBasicPodcast);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->skipped[kSkipPodcast], 1u);
  EXPECT_TRUE(h->plays.empty());
}

TEST(StreamingHistoryParser, MalformedJsonNamesLineAndColumn) {
  auto h = ParseText("[\n  {\"endTime\": \"2020-01-16 03:13\",\n   \"msPlayed\": 12,}\n]", ExportFormat::kBasicHistory);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().message.rfind("f.json:3:", 0), 0u) << h.error().message;
  auto truncated = ParseText("[{\"endTime\": \"2020-01-16 03:13\"", ExportFormat::kBasicHistory);
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().message.rfind("f.json:1:", 0), 0u) << truncated.error().message;
}

TEST(StreamingHistoryParser, WrongShapesNameTheEntry) {
  auto not_array = ParseText("{\"a\": 1}", ExportFormat::kBasicHistory);
  ASSERT_FALSE(not_array.ok());
  EXPECT_EQ(not_array.error().message, "f.json:1:1: expected a JSON array of plays");
  auto bad_type = ParseText(
      "[\n{\"endTime\":\"2020-01-16 03:13\",\"artistName\":\"A\",\"trackName\":\"T\",\"msPlayed\":1},\n"
      "{\"endTime\":\"2020-01-16 03:13\",\"artistName\":\"A\",\"trackName\":\"T\",\"msPlayed\":\"x\"}\n]",
      ExportFormat::kBasicHistory);
  ASSERT_FALSE(bad_type.ok());
  EXPECT_EQ(bad_type.error().message, "f.json:3:1: entry 2: field 'msPlayed' has the wrong type or value");
  auto bad_time = ParseText(R"([{"endTime":"yesterday","artistName":"A","trackName":"T","msPlayed":1}])",
                            ExportFormat::kBasicHistory);
  ASSERT_FALSE(bad_time.ok());
  EXPECT_EQ(bad_time.error().message, "f.json:1:2: entry 1: unreadable time 'yesterday'");
}

// Regression (fuzz target spotify_history): -1e308 was converted to long long (UB).
TEST(StreamingHistoryParser, MsPlayedOutOfRangeIsAWrongValueNotAConversion) {
  for (const char* ms : {"-1e308", "1e308", "1e19", "18446744073709551615", "-1", "-0.5", "1.0e13"}) {
    auto parsed = ParseText(std::string(R"([{"endTime":"2020-01-16 03:13","artistName":"A","trackName":"T","msPlayed":)") +
                                ms + "}]",
                            ExportFormat::kBasicHistory);
    ASSERT_FALSE(parsed.ok()) << ms;
    EXPECT_EQ(parsed.error().message, "f.json:1:2: entry 1: field 'msPlayed' has the wrong type or value") << ms;
  }
  auto fractional = ParseText(R"([{"endTime":"2020-01-16 03:13","artistName":"A","trackName":"T","msPlayed":1234.9}])",
                              ExportFormat::kBasicHistory);
  ASSERT_TRUE(fractional.ok()) << fractional.error().message;
  EXPECT_EQ(fractional->plays.at(0).ms_played, 1234);
}

TEST(StreamingHistoryParser, UnreadableFileIsAnError) {
  StreamingHistoryParser parser;
  auto h = parser.ParseFile({"/nonexistent/StreamingHistory0.json", ExportFormat::kBasicHistory});
  ASSERT_FALSE(h.ok());
  EXPECT_NE(h.error().message.find("/nonexistent/StreamingHistory0.json"), std::string::npos);
}

}  // namespace
}  // namespace echotune::ingest
