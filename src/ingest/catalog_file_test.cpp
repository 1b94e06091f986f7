#include "ingest/catalog_file.h"

#include <gtest/gtest.h>

#include <set>

#include "core/test_util.h"

namespace echotune::ingest {
namespace {

using echotune::testing::SharedDataDir;

std::filesystem::path Songs(int part) {
  return SharedDataDir() / "spotify-songs-2020" / ("spotify_songs.part" + std::to_string(part) + ".csv");
}
std::filesystem::path Decade(const std::string& d) {
  return SharedDataDir() / "spotify-hit-predictor" / ("dataset-of-" + d + ".csv");
}

TEST(CatalogFile, SpotifySongs2020MatchesProvenanceCounts) {
  size_t rows = 0, tracks = 0, na = 0;
  std::set<std::string> ids;
  for (int part = 1; part <= 3; ++part) {
    auto file = ReadCatalogFile(Songs(part), /*strict=*/true);
    ASSERT_TRUE(file.ok()) << file.error().message;
    rows += file->rows;
    tracks += file->tracks.size();
    na += file->skipped["no track name (NA)"];
    for (const auto& t : file->tracks) ids.insert(t.spotify_id);
  }
  EXPECT_EQ(rows, 32833u);
  EXPECT_EQ(na, 5u);  // the five rows with literal NA names
  EXPECT_EQ(tracks, 32828u);
  EXPECT_EQ(ids.size(), 28356u - 4u);  // four distinct ids have only NA rows
}

TEST(CatalogFile, SpotifySongs2020RowMapsEveryField) {
  auto file = ReadCatalogFile(Songs(1), false);
  ASSERT_TRUE(file.ok());
  const CatalogTrack& t = file->tracks.front();
  EXPECT_EQ(t.spotify_id, "6f807x0ima9a1j3VPbc7VN");
  EXPECT_EQ(t.name, "I Don't Care (with Justin Bieber) - Loud Luxury Remix");
  EXPECT_EQ(t.artists, (std::vector<std::string>{"Ed Sheeran"}));
  EXPECT_EQ(t.album_id, "2oCs0DGTsRO98Gh5ZSl2Cx");
  EXPECT_EQ(t.release_year, 2019);
  EXPECT_EQ(t.popularity, 66);
  EXPECT_EQ(t.duration_ms, 194754);
  EXPECT_EQ(t.genres, (std::vector<std::string>{"pop", "dance pop"}));
  EXPECT_DOUBLE_EQ(*t.audio_features[1], 0.748);  // danceability
  EXPECT_DOUBLE_EQ(*t.audio_features[8], 122.036);  // tempo
  EXPECT_EQ(*t.audio_features[9], 6);  // key
  EXPECT_FALSE(t.audio_features[11]);  // no time_signature column in this data set
}

TEST(CatalogFile, HitPredictorDecadesMatchProvenanceCounts) {
  const std::pair<const char*, size_t> kDecades[] = {{"60s", 8642}, {"70s", 7766}, {"80s", 6908},
                                                     {"90s", 5520}, {"00s", 5872}, {"10s", 6398}};
  std::set<std::string> ids;
  size_t total = 0;
  for (const auto& [decade, rows] : kDecades) {
    auto file = ReadCatalogFile(Decade(decade), true);
    ASSERT_TRUE(file.ok()) << file.error().message;
    EXPECT_EQ(file->rows, rows) << decade;
    EXPECT_EQ(file->tracks.size(), rows) << decade;
    total += file->rows;
    for (const auto& t : file->tracks) ids.insert(t.spotify_id);
  }
  EXPECT_EQ(total, 41106u);
  EXPECT_EQ(ids.size(), 40560u);
}

TEST(CatalogFile, HitPredictorCrlfExponentsAndRepairedTitle) {
  auto file = ReadCatalogFile(Decade("60s"), true);
  ASSERT_TRUE(file.ok());
  const CatalogTrack& first = file->tracks.front();
  EXPECT_EQ(first.name, "Jealous Kind Of Fella");  // no '\r' left from CRLF
  EXPECT_EQ(first.spotify_id, "1dtKN6wwlolkM8XZy2y9C1");
  EXPECT_EQ(*first.audio_features[11], 3);  // time_signature
  bool saw_exponent = false, saw_repair = false;
  for (const auto& t : file->tracks) {
    saw_repair |= t.spotify_id == "5t6q0AC5pTGxCnLSg3qu4i" && t.name == "1-2-3";
    for (const auto& f : t.audio_features) saw_exponent |= f && *f > 0 && *f < 1e-4;
  }
  EXPECT_TRUE(saw_exponent);
  EXPECT_TRUE(saw_repair);
  EXPECT_GT(file->values_dropped, 0u);  // time_signature 0 and 1 are outside 3..7
}

TEST(CatalogFile, ColumnsAreFoundByHeaderNameInAnyOrder) {
  std::string csv =
      "Genres,Name,Popularity,spotify_uri,Explicit,Release Date,Energy,artists\n"
      "\"rock;indie\",Song,55,spotify:track:1dtKN6wwlolkM8XZy2y9C1,TRUE,2001-05,8.1E-1,\"['A', 'B, C']\"\n";
  auto file = ParseCatalogCsv(csv, "x.csv", true);
  ASSERT_TRUE(file.ok()) << file.error().message;
  ASSERT_EQ(file->tracks.size(), 1u);
  const CatalogTrack& t = file->tracks[0];
  EXPECT_EQ(t.spotify_id, "1dtKN6wwlolkM8XZy2y9C1");
  EXPECT_EQ(t.genres, (std::vector<std::string>{"rock", "indie"}));
  EXPECT_EQ(t.artists, (std::vector<std::string>{"A", "B, C"}));
  EXPECT_EQ(t.release_year, 2001);
  EXPECT_TRUE(*t.explicit_content);
  EXPECT_DOUBLE_EQ(*t.audio_features[2], 0.81);
}

TEST(CatalogFile, BadRowIsSkippedAndCountedButStrictFails) {
  std::string csv = "id,name,energy\n1dtKN6wwlolkM8XZy2y9C1,A,0.5\nnot-an-id,B,0.5\n5hjsmSnUefdUqzsDogisiX,C,lots\n";
  auto lenient = ParseCatalogCsv(csv, "x.csv", false);
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->tracks.size(), 1u);
  EXPECT_EQ(lenient->skipped["bad row"], 2u);
  EXPECT_EQ(lenient->problems.at(0), "x.csv:3:1: not a Spotify track id: 'not-an-id'");
  EXPECT_EQ(lenient->problems.at(1), "x.csv:4:3: unreadable energy 'lots'");
  auto strict = ParseCatalogCsv(csv, "x.csv", true);
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.error().message, "x.csv:3:1: not a Spotify track id: 'not-an-id'");
}

TEST(CatalogFile, MalformedCsvAndMissingColumnsFailTheFile) {
  auto unterminated = ParseCatalogCsv("id,name\n1dtKN6wwlolkM8XZy2y9C1,\"A\n", "x.csv", false);
  ASSERT_FALSE(unterminated.ok());
  EXPECT_EQ(unterminated.error().message, "x.csv:2:24: unterminated quoted field");
  auto no_id = ParseCatalogCsv("name,energy\nA,0.5\n", "y.csv", false);
  ASSERT_FALSE(no_id.ok());
  EXPECT_NE(no_id.error().message.find("y.csv:1"), std::string::npos);
  auto missing = ReadCatalogFile("/nonexistent/z.csv", false);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("/nonexistent/z.csv"), std::string::npos);
}

TEST(CatalogFile, ShortRowIsBad) {
  auto file = ParseCatalogCsv("id,name,energy\n1dtKN6wwlolkM8XZy2y9C1,A\n", "x.csv", false);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->skipped["bad row"], 1u);
  EXPECT_EQ(file->problems.at(0), "x.csv:2: has 2 columns, the header has 3");
}

}  // namespace
}  // namespace echotune::ingest
