#include "realtime/cluster_bridge.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <mutex>
#include <vector>

namespace echotune::realtime {
namespace {

namespace json = boost::json;

struct Sent {
  std::string to;  // user id or "*"
  std::string event;
  json::value data;
};

class RecordingPublisher final : public EventPublisher {
 public:
  void ToUser(const std::string& user_id, std::string_view event, const json::value& data) override {
    sent.push_back({user_id, std::string(event), data});
  }
  void ToAll(std::string_view event, const json::value& data) override {
    sent.push_back({"*", std::string(event), data});
  }
  std::vector<Sent> sent;
};

class ClusterBridgeTest : public ::testing::Test {
 protected:
  boost::asio::io_context io_;
  prometheus::Registry registry_;
  RecordingPublisher local_;
  cache::RedisPublisher redis_{nullptr, io_};  // no Redis: every publish dropped
  ClusterBridge bridge_{local_, redis_, "me", registry_};
};

TEST_F(ClusterBridgeTest, WithoutRedisEventsStillReachLocalSockets) {
  bridge_.ToUser("u1", "now_playing", json::object{{"a", 1}});
  bridge_.ToAll("provider_health", json::object{{"b", 2}});
  ASSERT_EQ(local_.sent.size(), 2u);
  EXPECT_EQ(local_.sent[0].to, "u1");
  EXPECT_EQ(local_.sent[0].event, "now_playing");
  EXPECT_EQ(local_.sent[1].to, "*");
  EXPECT_EQ(redis_.stats().dropped, 2u);
  EXPECT_EQ(io_.poll(), 0u);  // nothing was queued for later
}

TEST_F(ClusterBridgeTest, DeliversOtherInstancesEventsAndSkipsItsOwn) {
  ClusterEvent theirs{.origin = "other", .event = "recommendation_update", .user_id = "u2", .data = json::object{}};
  ClusterEvent mine = theirs;
  mine.origin = "me";
  EXPECT_TRUE(bridge_.OnMessage(EventChannel(theirs.event), EncodeClusterEvent(theirs)));
  EXPECT_TRUE(bridge_.OnMessage(EventChannel(mine.event), EncodeClusterEvent(mine)));
  ClusterEvent all{.origin = "other", .event = "provider_health", .user_id = std::nullopt, .data = 1};
  EXPECT_TRUE(bridge_.OnMessage(EventChannel(all.event), EncodeClusterEvent(all)));
  ASSERT_EQ(local_.sent.size(), 2u);
  EXPECT_EQ(local_.sent[0].to, "u2");
  EXPECT_EQ(local_.sent[0].event, "recommendation_update");
  EXPECT_EQ(local_.sent[1].to, "*");
  EXPECT_EQ(local_.sent[1].data, json::value(1));
  EXPECT_EQ(bridge_.received(), 2u);
}

TEST_F(ClusterBridgeTest, IgnoresForeignChannelsAndMalformedPayloads) {
  EXPECT_FALSE(bridge_.OnMessage("echotune:model:changes", "{}"));
  EXPECT_TRUE(bridge_.OnMessage("echotune:events:now_playing", "{not json"));
  EXPECT_TRUE(bridge_.OnMessage("echotune:events:now_playing", R"({"origin":"x","to":"u","data":)"));
  EXPECT_TRUE(local_.sent.empty());
  EXPECT_EQ(bridge_.malformed(), 2u);
}

}  // namespace
}  // namespace echotune::realtime
