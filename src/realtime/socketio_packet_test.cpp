#include "realtime/socketio_packet.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace echotune::realtime {
namespace {

namespace json = boost::json;

TEST(SocketIoPacket, ParsesConnectWithAuth) {
  auto p = ParseSioPacket(R"(0{"token":"abc"})");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->type, SioType::kConnect);
  EXPECT_EQ(p->nsp, "/");
  EXPECT_EQ(p->data.at("token"), "abc");
  EXPECT_TRUE(ParseSioPacket("0")->data.is_null());
}

TEST(SocketIoPacket, ParsesNamespaceAndAckId) {
  auto p = ParseSioPacket(R"(2/admin,12["hello",{"a":1}])");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->nsp, "/admin");
  ASSERT_TRUE(p->id.has_value());
  EXPECT_EQ(*p->id, 12u);
  EXPECT_EQ(p->data.as_array().size(), 2u);
  auto d = ParseSioPacket("1/admin,");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->type, SioType::kDisconnect);
  EXPECT_EQ(d->nsp, "/admin");
  EXPECT_EQ(ParseSioPacket("1/chat")->nsp, "/chat");
}

TEST(SocketIoPacket, RefusesMalformedPackets) {
  for (const char* bad : {"", "9", "x", "2", "2{}", "2[]", "2[1]", "2[\"a\"", "3[]", "312{}", "0[1]",
                          "2999999999999999999[\"a\"]"}) {
    EXPECT_FALSE(ParseSioPacket(bad).ok()) << bad;
  }
}

// Found by fuzz/socketio_fuzz.cpp: "15 4112" parsed as DISCONNECT with ack
// id 5 and data 4112, and encoded as "154112" (ack id 154112, no data).
TEST(SocketIoPacket, RefusesDataThatIsNeitherAnObjectNorAnArray) {
  for (const char* bad : {"15 4112", "1 7", "4\"error\"", "1true", "0null5", "3/a,1 2"}) {
    EXPECT_FALSE(ParseSioPacket(bad).ok()) << bad;
  }
}

TEST(SocketIoPacket, RefusesBinaryAttachments) {
  auto p = ParseSioPacket(R"(51-["upload",{"_placeholder":true,"num":0}])");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("binary"), std::string::npos);
  EXPECT_FALSE(ParseSioPacket(R"(61-12[{"_placeholder":true,"num":0}])").ok());
}

TEST(SocketIoPacket, EncodesWhatItParses) {
  for (const char* text : {R"(0{"sid":"x"})", R"(2["a",1.5])", R"(312[{"ok":true}])", R"(4/admin,{"message":"no"})",
                           "1"}) {
    auto p = ParseSioPacket(text);
    ASSERT_TRUE(p.ok()) << text;
    EXPECT_EQ(EncodeSioPacket(*p), text);
  }
}

TEST(SocketIoPacket, EventsPrintNumbersWithoutExponents) {
  EXPECT_EQ(EncodeSioEvent("now_playing", json::parse(R"({"progress":0.81})")),
            R"(2["now_playing",{"progress":0.81}])");
}

}  // namespace
}  // namespace echotune::realtime
