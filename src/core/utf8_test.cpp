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

}  // namespace
}  // namespace echotune::core
