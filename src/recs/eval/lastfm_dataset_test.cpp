#include "recs/eval/lastfm_dataset.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"
#include "core/test_util.h"

namespace echotune::recs::eval {
namespace {

namespace fs = std::filesystem;

void Write(const fs::path& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
}

TEST(LastfmDatasetTest, PlaysAloneLoadWithoutNamesOrTags) {
  const fs::path dir = testing::TempDir("lastfm-plays");
  Write(dir / "user_artists.dat", "userID\tartistID\tweight\n2\t51\t13883\n2\t52\t11690\n3\t52\t10\n4\t99\t5\n");
  auto d = LoadLastfm(dir);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->users, 3u);
  EXPECT_EQ(d->items, 3u);
  ASSERT_EQ(d->plays.size(), 4u);
  EXPECT_FLOAT_EQ(d->plays[0].value, 13883.0f);
  EXPECT_FALSE(d->has_tags);
  EXPECT_EQ(d->item_tags.rows(), 3u);  // every item, no tag column: the models' shape
  EXPECT_EQ(d->item_tags.cols(), 0u);
  EXPECT_EQ(d->item_names, (std::vector<std::string>{"", "", ""}));
}

TEST(LastfmDatasetTest, TagsNeedBothTagFiles) {
  const fs::path dir = testing::TempDir("lastfm-tags");
  Write(dir / "user_artists.dat", "userID\tartistID\tweight\n2\t51\t10\n3\t52\t7\n");
  Write(dir / "artists.dat", "id\tname\turl\tpictureURL\n51\tMALICE MIZER\tu\tp\n52\tDiary of Dreams\tu\tp\n");
  Write(dir / "tags.dat", "tagID\ttagValue\n1\tmetal\n2\tgothic\n");
  auto without = LoadLastfm(dir);
  ASSERT_TRUE(without.ok()) << without.error().message;
  EXPECT_FALSE(without->has_tags);
  EXPECT_EQ(without->item_names, (std::vector<std::string>{"MALICE MIZER", "Diary of Dreams"}));

  Write(dir / "user_taggedartists.dat",
        "userID\tartistID\ttagID\tday\tmonth\tyear\n2\t52\t2\t1\t4\t2009\n7\t52\t2\t1\t4\t2009\n3\t51\t1\t1\t4\t2009\n");
  auto with = LoadLastfm(dir);
  ASSERT_TRUE(with.ok()) << with.error().message;
  EXPECT_TRUE(with->has_tags);
  EXPECT_EQ(with->item_tags.cols(), 2u);
  auto tags_of_52 = with->item_tags.RowValues(1);  // "gothic" from two users
  ASSERT_EQ(tags_of_52.size(), 1u);
  EXPECT_FLOAT_EQ(tags_of_52[0], 2.0f);
}

TEST(LastfmDatasetTest, NoPlaysFileIsNotFoundAndABadRowNamesItsFileAndLine) {
  const fs::path dir = testing::TempDir("lastfm-bad");
  auto none = LoadLastfm(dir);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(none.error().message.find("user_artists.dat"), std::string::npos);

  for (const char* weight : {"-3", "lots", "nan", "1e999", ""}) {
    Write(dir / "user_artists.dat", std::string("userID\tartistID\tweight\n2\t51\t10\n2\t52\t") + weight + "\n");
    auto bad = LoadLastfm(dir);
    ASSERT_FALSE(bad.ok()) << weight;
    EXPECT_EQ(bad.error().code, core::ErrorCode::kValidationError) << weight;
    EXPECT_NE(bad.error().message.find("line 3"), std::string::npos) << bad.error().message;
  }
  Write(dir / "user_artists.dat", "userID\tartistID\tweight\n2\t51\t10\n\t52\t3\n");  // no user id
  EXPECT_FALSE(LoadLastfm(dir).ok());
}

TEST(LastfmDatasetTest, IdsMayBeTextAndWeightsDecimalAndZeroRowsAreNotInteractions) {
  const fs::path dir = testing::TempDir("lastfm-text-ids");
  Write(dir / "user_artists.dat",
        "user\titem\tweight\r\n"
        "pl-7\tspotify:track:4uLU6hMCjMI75M1A2tKUQC\t1\r\n"
        "pl-7\tspotify:track:7GhIk7Il098yCjg4BQjzvb\t0.5\r\n"
        "pl-9\tspotify:track:4uLU6hMCjMI75M1A2tKUQC\t2.25\r\n"
        "pl-9\tspotify:track:0000000000000000000000\t0\r\n");
  Write(dir / "artists.dat", "id\tname\nspotify:track:4uLU6hMCjMI75M1A2tKUQC\tNever Gonna Give You Up\n"
                             "spotify:track:7GhIk7Il098yCjg4BQjzvb\tBeyonc\xc3\xa9\n");
  auto d = LoadLastfm(dir);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->users, 2u);
  EXPECT_EQ(d->items, 2u);  // the weight-0 row adds no item
  ASSERT_EQ(d->plays.size(), 3u);
  EXPECT_EQ(d->plays[2].row, 1u);
  EXPECT_EQ(d->plays[2].col, 0u);
  EXPECT_FLOAT_EQ(d->plays[2].value, 2.25f);
  EXPECT_EQ(d->item_names, (std::vector<std::string>{"Never Gonna Give You Up", "Beyonc\xc3\xa9"}));  // UTF-8 kept
}

TEST(LastfmDatasetTest, HetRecLatin1NamesAreDecoded) {
  const fs::path dir = testing::TempDir("lastfm-latin1");
  Write(dir / "user_artists.dat", "userID\tartistID\tweight\n2\t51\t10\n");
  Write(dir / "artists.dat", "id\tname\n51\tBj\xf6rk\n");  // Latin-1 ö
  auto d = LoadLastfm(dir);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->item_names[0], "Bj\xc3\xb6rk");
}

}  // namespace
}  // namespace echotune::recs::eval
