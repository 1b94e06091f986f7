#include "recs/context_mask.h"

#include <gtest/gtest.h>

namespace echotune::recs {
namespace {

ContextMask MaskOf(std::uint32_t id) { return {{1}, {id}, 1}; }

TEST(MaskCache, BuildsAMaskOnceAndSharesItAfterwards) {
  MaskCache cache(2);
  int builds = 0;
  auto make = [&] { return ++builds, MaskOf(7); };
  auto first = cache.GetOrMake("chill", make);
  auto again = cache.GetOrMake("chill", make);
  EXPECT_EQ(builds, 1);
  EXPECT_EQ(first, again);
  EXPECT_EQ(again->ids, std::vector<std::uint32_t>{7});
}

TEST(MaskCache, EvictsTheLeastRecentlyUsedAndKeepsHandedOutMasksValid) {
  MaskCache cache(2);
  int builds = 0;
  auto held = cache.GetOrMake("a", [&] { return ++builds, MaskOf(1); });
  (void)cache.GetOrMake("b", [&] { return ++builds, MaskOf(2); });
  (void)cache.GetOrMake("a", [&] { return ++builds, MaskOf(1); });  // a is now the most recent
  (void)cache.GetOrMake("c", [&] { return ++builds, MaskOf(3); });  // evicts b
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(builds, 3);
  (void)cache.GetOrMake("a", [&] { return ++builds, MaskOf(1); });
  EXPECT_EQ(builds, 3);
  (void)cache.GetOrMake("b", [&] { return ++builds, MaskOf(2); });
  EXPECT_EQ(builds, 4);
  EXPECT_EQ(held->ids, std::vector<std::uint32_t>{1});
}

}  // namespace
}  // namespace echotune::recs
