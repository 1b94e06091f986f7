#include "llm/sse_parser.h"

#include <gtest/gtest.h>

namespace echotune::llm {
namespace {

TEST(SseParser, ParsesEventsSplitAtEveryByte) {
  std::string stream = "event: message_start\r\ndata: {\"a\":1}\r\n\r\n: keep-alive\n\ndata: x\ndata: y\n\n";
  SseParser p;
  std::vector<SseEvent> all;
  for (char c : stream) {
    for (auto& e : p.Feed(std::string_view(&c, 1))) all.push_back(e);
  }
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].event, "message_start");
  EXPECT_EQ(all[0].data, "{\"a\":1}");
  EXPECT_EQ(all[1].event, "");
  EXPECT_EQ(all[1].data, "x\ny");
  EXPECT_FALSE(p.pending());
}

TEST(SseParser, KeepsAnUnfinishedEventPending) {
  SseParser p;
  EXPECT_TRUE(p.Feed("data: [DONE]").empty());
  EXPECT_TRUE(p.pending());
  auto events = p.Feed("\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "[DONE]");
}

TEST(SseParser, IgnoresFieldsWithoutDataAndBareCarriageReturns) {
  SseParser p;
  auto events = p.Feed("id: 7\r\rretry: 10\n\ndata:no-space\r\r");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "no-space");
}

}  // namespace
}  // namespace echotune::llm
