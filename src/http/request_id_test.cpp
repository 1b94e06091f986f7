#include "http/request_id.h"

#include <gtest/gtest.h>

#include "http/pipeline.h"

namespace echotune::http {
namespace {

TEST(RequestId, KeepsAValidIncomingIdAndReplacesAnInvalidOne) {
  EXPECT_EQ(RequestIdFor("abc-123_x.y:z"), "abc-123_x.y:z");
  EXPECT_EQ(RequestIdFor("").size(), 32u);
  EXPECT_NE(RequestIdFor("bad id\r\n"), "bad id\r\n");
  EXPECT_EQ(RequestIdFor(std::string(129, 'a')).size(), 32u);
  EXPECT_NE(NewRequestId(), NewRequestId());
}

TEST(Query, DecodesPercentEscapesAndPlus) {
  auto q = ParseQuery("q=hello+world&x=%2Fa%2f&flag&bad=%zz");
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].second, "hello world");
  EXPECT_EQ(q[1].second, "/a/");
  EXPECT_EQ(q[2].first, "flag");
  EXPECT_EQ(q[3].second, "%zz");
}

}  // namespace
}  // namespace echotune::http
