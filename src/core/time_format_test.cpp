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

// Found by fuzz/spotify_history_fuzz.cpp ("endTime": "4040-01-16 03:17"):
// the conversion to TimePoint's nanoseconds overflowed (undefined behaviour,
// a wrapped date in practice).
TEST(TimeFormat, RejectsDatesTheClockCannotHold) {
  for (const char* bad : {"4040-01-16 03:17", "9999-12-31T23:59:59Z", "2262-04-12", "1677-09-21",
                          "0001-01-01", "1000-01-01T00:00:00+14:00"}) {
    EXPECT_FALSE(ParseIso8601(bad)) << bad;
  }
  EXPECT_EQ(FormatIso8601(*ParseIso8601("2262-04-11")), "2262-04-11T00:00:00.000Z");
  EXPECT_EQ(FormatIso8601(*ParseIso8601("1677-09-22")), "1677-09-22T00:00:00.000Z");
}

}  // namespace
}  // namespace echotune::core
