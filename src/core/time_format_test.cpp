#include "core/time_format.h"

#include <gtest/gtest.h>

namespace echotune::core {
namespace {

TEST(TimeFormat, RoundTripsWithMilliseconds) {
  auto t = ParseIso8601("2024-01-15T14:20:00.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatIso8601(*t), "2024-01-15T14:20:00.123Z");
  EXPECT_EQ(ToUnixMillis(*t), 1705328400123LL);
}

TEST(TimeFormat, AcceptsDatesOffsetsAndSpaces) {
  EXPECT_EQ(FormatIso8601(*ParseIso8601("2020-02-29")), "2020-02-29T00:00:00.000Z");
  EXPECT_EQ(FormatIso8601(*ParseIso8601("2020-03-01 10:05")), "2020-03-01T10:05:00.000Z");
  EXPECT_EQ(FormatIso8601(*ParseIso8601("2020-03-01T10:05:00+02:00")), "2020-03-01T08:05:00.000Z");
  EXPECT_EQ(FormatIso8601(*ParseIso8601("1969-12-31T23:59:59Z")), "1969-12-31T23:59:59.000Z");
}

TEST(TimeFormat, RejectsMalformedAndOutOfRange) {
  for (const char* bad : {"", "2020", "2020-13-01", "2019-02-29", "2020-01-01T25:00",
                          "2020-01-01T10:00Zjunk", "abcd-ef-gh", "2020-01-01T10:00:00."}) {
    EXPECT_FALSE(ParseIso8601(bad)) << bad;
  }
}

}  // namespace
}  // namespace echotune::core
