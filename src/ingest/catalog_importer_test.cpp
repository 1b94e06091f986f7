#include "ingest/catalog_importer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "ingest/test_store.h"

namespace echotune::ingest {
namespace {

using echotune::testing::SharedDataDir;

std::vector<std::filesystem::path> SongsParts() {
  std::vector<std::filesystem::path> p;
  for (int i = 1; i <= 3; ++i) p.push_back(SharedDataDir() / "spotify-songs-2020" / ("spotify_songs.part" + std::to_string(i) + ".csv"));
  return p;
}

std::vector<std::filesystem::path> Decades() {
  std::vector<std::filesystem::path> p;
  for (const char* d : {"60s", "70s", "80s", "90s", "00s", "10s"}) {
    p.push_back(SharedDataDir() / "spotify-hit-predictor" / ("dataset-of-" + std::string(d) + ".csv"));
  }
  return p;
}

std::filesystem::path WriteFile(const std::filesystem::path& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir / name) << text;
  return dir / name;
}

class CatalogImporterTest : public ::testing::Test {
 protected:
  CatalogImporterTest() : progress_(out_, false, core::SystemClock::Instance()) {}
  core::Result<CatalogImportResult> Import(const std::vector<std::filesystem::path>& files, bool strict = false) {
    CatalogImporter importer(store_->tracks(), progress_);
    return importer.Import(files, CatalogImportOptions{strict, 2000});
  }
  int64_t Count() { return *store_->tracks().Count(); }

  std::unique_ptr<store::Store> store_ = testing::OpenTestStore("catalog-import");
  std::ostringstream out_;
  ProgressReporter progress_;
};

TEST_F(CatalogImporterTest, BothRealCataloguesImportWithProvenanceCountsAndReimportAddsNothing) {
  auto songs = Import(SongsParts());
  ASSERT_TRUE(songs.ok()) << songs.error().message;
  EXPECT_EQ(songs->summary.rows, 32833);
  EXPECT_EQ(songs->summary.imported, 28352);  // 28,356 distinct ids less the 4 with only NA rows
  EXPECT_EQ(songs->summary.skipped["no track name (NA)"], 5);
  EXPECT_EQ(songs->summary.imported + songs->summary.updated + songs->summary.unchanged, 32828);
  EXPECT_TRUE(songs->summary.errors.empty());
  EXPECT_EQ(Count(), 28352);

  auto hits = Import(Decades());
  ASSERT_TRUE(hits.ok()) << hits.error().message;
  EXPECT_EQ(hits->summary.rows, 41106);
  EXPECT_EQ(Count(), 66303);  // 40,560 hit-predictor ids, 2,609 of them already in the 2020 catalogue
  EXPECT_EQ(hits->summary.imported, 66303 - 28352);

  auto track = store_->tracks().Get("6f807x0ima9a1j3VPbc7VN");  // in a pop and an edm playlist
  ASSERT_TRUE(track.ok());
  EXPECT_EQ(track->genres, (std::vector<std::string>{"pop", "dance pop", "edm", "pop edm"}));
  EXPECT_EQ(track->release_year, 2019);
  ASSERT_TRUE(track->audio_features.has_value());
  EXPECT_DOUBLE_EQ(*track->audio_features->danceability, 0.748);

  std::vector<std::filesystem::path> all = SongsParts();
  for (const auto& d : Decades()) all.push_back(d);
  auto again = Import(all);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->summary.imported, 0);
  EXPECT_EQ(again->summary.updated, 0);
  EXPECT_EQ(Count(), 66303);
}

TEST_F(CatalogImporterTest, SameTrackInTwoFilesMergesGenres) {
  auto dir = echotune::testing::TempDir("catalog-merge");
  auto a = WriteFile(dir, "a.csv", "track_id,track_name,playlist_genre\n1dtKN6wwlolkM8XZy2y9C1,Song,rock\n");
  auto b = WriteFile(dir, "b.csv", "uri,name,genre,popularity\nspotify:track:1dtKN6wwlolkM8XZy2y9C1,Song,indie,40\n");
  auto r = Import({a, b});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->summary.imported, 1);
  auto t = store_->tracks().Get("1dtKN6wwlolkM8XZy2y9C1");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->genres, (std::vector<std::string>{"rock", "indie"}));
  EXPECT_EQ(t->popularity, 40);
  auto c = WriteFile(dir, "c.csv", "id,name,genres\n1dtKN6wwlolkM8XZy2y9C1,Song,jazz\n");
  auto later = Import({c});
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->summary.updated, 1);
  EXPECT_EQ(store_->tracks().Get("1dtKN6wwlolkM8XZy2y9C1")->genres.size(), 3u);
}

TEST_F(CatalogImporterTest, MalformedFileIsReportedAndNothingOfItWritten) {
  auto dir = echotune::testing::TempDir("catalog-bad");
  auto good = WriteFile(dir, "good.csv", "id,name\n1dtKN6wwlolkM8XZy2y9C1,A\n");
  auto bad = WriteFile(dir, "bad.csv", "id,name\n5hjsmSnUefdUqzsDogisiX,B\n5t6q0AC5pTGxCnLSg3qu4i,\"C\n");
  auto r = Import({good, bad});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->summary.errors.size(), 1u);
  EXPECT_EQ(r->summary.errors[0], bad.string() + ":3:24: unterminated quoted field");
  EXPECT_EQ(Count(), 1);
  EXPECT_FALSE(store_->tracks().Get("5hjsmSnUefdUqzsDogisiX").ok());
}

TEST_F(CatalogImporterTest, BadRowIsSkippedUnlessStrictWhichWritesNothing) {
  auto dir = echotune::testing::TempDir("catalog-strict");
  auto good = WriteFile(dir, "good.csv", "id,name\n1dtKN6wwlolkM8XZy2y9C1,A\n");
  auto rows = WriteFile(dir, "rows.csv", "id,name,energy\n5hjsmSnUefdUqzsDogisiX,B,0.5\n5t6q0AC5pTGxCnLSg3qu4i,C,high\n");
  auto strict = Import({good, rows}, true);
  ASSERT_TRUE(strict.ok());
  ASSERT_EQ(strict->summary.errors.size(), 1u);
  EXPECT_EQ(strict->summary.errors[0], rows.string() + ":3:3: unreadable energy 'high'");
  EXPECT_EQ(Count(), 0);
  auto lenient = Import({good, rows});
  ASSERT_TRUE(lenient.ok());
  EXPECT_TRUE(lenient->summary.errors.empty());
  EXPECT_EQ(lenient->summary.skipped["bad row"], 1);
  EXPECT_EQ(Count(), 2);
}

}  // namespace
}  // namespace echotune::ingest
