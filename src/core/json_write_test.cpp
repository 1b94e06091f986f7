#include "core/json_write.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>

#include "core/utf8.h"

namespace echotune::core {
namespace {

TEST(JsonWrite, PrintsDoublesWithoutExponents) {
  boost::json::object o;
  o["score"] = 0.8123;
  o["small"] = 0.00001;
  o["whole"] = 3.0;
  o["nan"] = std::numeric_limits<double>::quiet_NaN();
  o["n"] = 42;
  o["s"] = "a\"b\n";
  EXPECT_EQ(JsonWrite(o),
            R"({"score":0.8123,"small":0.00001,"whole":3,"nan":null,"n":42,"s":"a\"b\n"})");
}

TEST(JsonQuote, QuotesAndEscapesLikeJsonWrite) {
  EXPECT_EQ(JsonQuote("a\"b\n\\c"), R"("a\"b\n\\c")");
  EXPECT_EQ(JsonQuote("Beyonc\xc3\xa9"), "\"Beyonc\xc3\xa9\"");
  EXPECT_EQ(JsonQuote(std::string_view("a\0b", 3)), R"("a\u0000b")");
}

TEST(JsonQuote, BytesThatAreNotUtf8BecomeReplacementCharactersSoTheTextParses) {
  const std::string quoted = JsonQuote("/api/x\xff\xfe\"\\q\xe2\x82");
  EXPECT_TRUE(IsValidUtf8(quoted));
  boost::json::value parsed = boost::json::parse(quoted);  // throws on invalid JSON
  EXPECT_EQ(parsed.as_string(), "/api/x\xef\xbf\xbd\xef\xbf\xbd\"\\q\xef\xbf\xbd");
}

TEST(JsonWrite, RoundsScores) { EXPECT_DOUBLE_EQ(RoundTo(0.123456, 4), 0.1235); }

}  // namespace
}  // namespace echotune::core
