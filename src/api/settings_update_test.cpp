#include "api/settings_update.h"

#include <gtest/gtest.h>

namespace echotune::api {
namespace {

TEST(SummaryUpdateOf, MapsTheSharedFieldsOnly) {
  auto both = SummaryUpdateOf({.favorite_genres = std::vector<std::string>{"jazz"}, .energy_level = 0.3});
  ASSERT_TRUE(both.has_value());
  EXPECT_EQ(both->favorite_genres, std::vector<std::string>{"jazz"});
  EXPECT_EQ(both->energy, 0.3);

  auto genres = SummaryUpdateOf({.favorite_genres = std::vector<std::string>{}});
  ASSERT_TRUE(genres.has_value());
  EXPECT_EQ(genres->favorite_genres, std::vector<std::string>{});  // cleared in both documents
  EXPECT_FALSE(genres->energy.has_value());
}

TEST(SummaryUpdateOf, IsNothingForAPatchOfUnsharedFields) {
  EXPECT_FALSE(SummaryUpdateOf({.diversity_weight = 0.5, .theme = model::Theme::kDark}).has_value());
  EXPECT_FALSE(SummaryUpdateOf({}).has_value());
}

}  // namespace
}  // namespace echotune::api
