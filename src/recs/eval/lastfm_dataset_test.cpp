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

  Write(dir / "user_artists.dat", "userID\tartistID\tweight\n2\t51\t10\n2\tfifty\t3\n");
  auto bad = LoadLastfm(dir);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kValidationError);
  EXPECT_NE(bad.error().message.find("line 3"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace echotune::recs::eval
