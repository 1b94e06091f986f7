#include "core/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace echotune::core {
namespace {

TEST(Utf8, AcceptsAsciiAndWellFormedMultibyteText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("rock & roll"));
  EXPECT_TRUE(IsValidUtf8("Beyonc\xc3\xa9 \xe2\x82\xac \xf0\x9f\x8e\xb5"));  // é € 🎵
  EXPECT_TRUE(IsValidUtf8(std::string("a\0b", 3)));
  EXPECT_TRUE(IsValidUtf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF
}

TEST(Utf8, RefusesEveryKindOfMalformedSequence) {
  for (const char* bad : {"\xff", "\xfe\xff", "\xc3\x28", "\xc3", "\xe2\x82", "\xc0\xaf", "\xe0\x80\xaf",
                          "\xed\xa0\x80", "\xf0\x80\x80\xaf", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80",
                          "\x80", "ok\xe2\x28\xa1"}) {
    EXPECT_FALSE(IsValidUtf8(bad)) << bad;
  }
}

TEST(Utf8, ToValidUtf8LeavesWellFormedTextAlone) {
  for (std::string ok : {std::string(""), std::string("rock & roll"), std::string("Beyonc\xc3\xa9 \xf0\x9f\x8e\xb5"),
                         std::string("a\0b", 3), std::string("\xf4\x8f\xbf\xbf")}) {
    EXPECT_EQ(ToValidUtf8(ok), ok);
  }
}

TEST(Utf8, ToValidUtf8ReplacesEachMaximalSubpartWithOneReplacementCharacter) {
  const std::string r = "\xef\xbf\xbd";  // U+FFFD
  EXPECT_EQ(ToValidUtf8("a\xff" "b"), "a" + r + "b");
  EXPECT_EQ(ToValidUtf8("\xfe\xff"), r + r);
  EXPECT_EQ(ToValidUtf8("\xe2\x82"), r);            // truncated at the end: one subpart
  EXPECT_EQ(ToValidUtf8("\xe2\x82" "x"), r + "x");  // truncated before ASCII: the ASCII stays
  EXPECT_EQ(ToValidUtf8("\xc3\x28"), r + "(");      // a bad continuation is not swallowed
  EXPECT_EQ(ToValidUtf8("\xc0\xaf"), r + r);        // overlong lead: never valid, each byte alone
  EXPECT_EQ(ToValidUtf8("\xed\xa0\x80"), r + r + r);  // a surrogate: its second byte is out of range
  EXPECT_EQ(ToValidUtf8("\xf0\x9f\x8e"), r);       // three of four bytes
  EXPECT_EQ(ToValidUtf8("ok\xe2\x28\xa1"), "ok" + r + "(" + r);
  for (const char* bad : {"\xff", "\xc3\x28", "\xe0\x80\xaf", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\x80"}) {
    EXPECT_TRUE(IsValidUtf8(ToValidUtf8(bad))) << bad;
  }
}

}  // namespace
}  // namespace echotune::core
