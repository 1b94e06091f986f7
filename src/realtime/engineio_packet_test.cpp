#include "realtime/engineio_packet.h"

#include <gtest/gtest.h>

namespace echotune::realtime {
namespace {

TEST(EngineIoPacket, ParsesEveryTypeWithItsData) {
  auto p = ParseEioPacket("4hello");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->type, EioType::kMessage);
  EXPECT_EQ(p->data, "hello");
  EXPECT_EQ(ParseEioPacket("2probe")->type, EioType::kPing);
  EXPECT_EQ(ParseEioPacket("3")->type, EioType::kPong);
  EXPECT_EQ(ParseEioPacket("6")->type, EioType::kNoop);
}

TEST(EngineIoPacket, RefusesEmptyUnknownAndBinaryPackets) {
  EXPECT_FALSE(ParseEioPacket("").ok());
  EXPECT_FALSE(ParseEioPacket("7").ok());
  EXPECT_FALSE(ParseEioPacket("x").ok());
  auto binary = ParseEioPacket("bAQIDBA==");
  ASSERT_FALSE(binary.ok());
  EXPECT_NE(binary.error().message.find("binary"), std::string::npos);
}

TEST(EngineIoPacket, EncodesTypeDigitThenData) {
  EXPECT_EQ(EncodeEioPacket(EioType::kPing), "2");
  EXPECT_EQ(EncodeEioPacket(EioPacket{EioType::kMessage, "2[\"a\"]"}), "42[\"a\"]");
}

TEST(EngineIoPayload, SplitsOnTheRecordSeparator) {
  auto packets = ParseEioPayload("4hello\x1e" "3\x1e" "40{}");
  ASSERT_TRUE(packets.ok());
  ASSERT_EQ(packets->size(), 3u);
  EXPECT_EQ((*packets)[0].data, "hello");
  EXPECT_EQ((*packets)[1].type, EioType::kPong);
  EXPECT_EQ((*packets)[2].data, "0{}");
  EXPECT_EQ(JoinEioPayload({"4a", "3"}), "4a\x1e" "3");
}

TEST(EngineIoPayload, RefusesAnyMalformedPacketAndOversizedBodies) {
  EXPECT_FALSE(ParseEioPayload("4a\x1e\x1e" "3").ok());  // an empty packet in the middle
  EXPECT_FALSE(ParseEioPayload("").ok());
  EXPECT_FALSE(ParseEioPayload("4a\x1e" "bAAA=").ok());
  std::string big(kMaxPayload + 1, 'x');
  big[0] = '4';
  EXPECT_FALSE(ParseEioPayload(big).ok());
  big.resize(kMaxPayload);
  EXPECT_TRUE(ParseEioPayload(big).ok());
}

}  // namespace
}  // namespace echotune::realtime
