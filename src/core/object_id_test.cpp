#include "core/object_id.h"

#include <gtest/gtest.h>

#include <set>

namespace echotune::core {
namespace {

TEST(ObjectId, GeneratesUniqueHexIdsCarryingTheirSecond) {
  std::set<std::string> seen;
  auto at = TimePoint(std::chrono::seconds(1700000000));
  for (int i = 0; i < 10000; ++i) {
    auto id = ObjectId::Generate(at);
    EXPECT_EQ(id.Timestamp(), at);
    EXPECT_TRUE(seen.insert(id.ToHex()).second);
  }
  EXPECT_EQ(seen.begin()->substr(0, 8), "6553f100");
}

TEST(ObjectId, ParsesOnlyTwentyFourHexDigits) {
  auto id = ObjectId::Parse("665A1B2C3D4E5F6A7B8C9D0E");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->ToHex(), "665a1b2c3d4e5f6a7b8c9d0e");
  for (const char* bad : {"", "665a1b2c3d4e5f6a7b8c9d0", "665a1b2c3d4e5f6a7b8c9d0eff",
                          "665a1b2c3d4e5f6a7b8c9d0g", "{\"$gt\": \"\"}"}) {
    EXPECT_FALSE(ObjectId::Parse(bad)) << bad;
  }
}

}  // namespace
}  // namespace echotune::core
