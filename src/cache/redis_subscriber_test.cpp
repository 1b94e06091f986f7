// RedisSubscriber against a real redis-server: channels and patterns, a
// password, reconnecting with backoff and subscribing again after the server
// was killed and restarted, and a publisher that never queues while Redis is
// down.
#include "cache/redis_subscriber.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "cache/cache_test_util.h"
#include "cache/redis_publisher.h"
#include "cache/redis_test_server.h"

namespace echotune::cache {
namespace {

using namespace std::chrono_literals;
using testing::IoThreads;
using testing::RedisTestServer;

RedisUrl Local(const RedisTestServer& server, std::string password = "") {
  RedisUrl url;
  url.host = "127.0.0.1";
  url.port = server.port();
  url.password = std::move(password);
  return url;
}

RedisOptions Fast() {
  RedisOptions options;
  options.backoff_initial = 20ms;
  options.backoff_max = 100ms;
  return options;
}

// What the hooks saw, waited on from the test thread.
struct Inbox {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::pair<std::string, std::string>> messages;
  std::vector<bool> subscribed;  // the `resumed` flag of each confirmation

  RedisSubscriber::MessageHook OnMessage() {
    return [this](std::string_view channel, std::string_view payload) {
      std::lock_guard lock(mu);
      messages.emplace_back(channel, payload);
      cv.notify_all();
    };
  }
  RedisSubscriber::SubscribedHook OnSubscribed() {
    return [this](bool resumed) {
      std::lock_guard lock(mu);
      subscribed.push_back(resumed);
      cv.notify_all();
    };
  }
  bool WaitMessages(size_t n) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, 5s, [&] { return messages.size() >= n; });
  }
  bool WaitSubscribed(size_t n) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, 10s, [&] { return subscribed.size() >= n; });
  }
};

class RedisSubscriberTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!RedisTestServer::Installed()) GTEST_SKIP() << "redis-server is not installed";
  }
  void Start(RedisTestServer& server, std::string password = "") {
    subscriber_ = RedisSubscriber::Create(io_.io(), Local(server, std::move(password)),
                                          {.channels = {"echotune:model:changes"}, .patterns = {"echotune:events:*"}},
                                          Fast());
    subscriber_->Start(inbox_.OnMessage(), inbox_.OnSubscribed());
  }
  void TearDown() override {
    if (subscriber_) subscriber_->Stop();
    subscriber_.reset();
    io_.Join();
  }
  static void Publish(RedisTestServer& server, const std::string& channel, const std::string& payload) {
    auto client = server.Client();
    ASSERT_TRUE(client.Command({"PUBLISH", channel, payload}).has_value());
  }

  IoThreads io_{1};
  Inbox inbox_;
  std::shared_ptr<RedisSubscriber> subscriber_;
};

TEST_F(RedisSubscriberTest, ReceivesChannelAndPatternMessages) {
  RedisTestServer server;
  ASSERT_TRUE(server.Start());
  Start(server);
  ASSERT_TRUE(inbox_.WaitSubscribed(1));
  EXPECT_FALSE(inbox_.subscribed[0]);
  EXPECT_TRUE(subscriber_->subscribed());
  Publish(server, "echotune:events:now_playing", "one");
  Publish(server, "echotune:model:changes", std::string("t\0wo", 4));
  Publish(server, "elsewhere", "ignored");
  ASSERT_TRUE(inbox_.WaitMessages(2));
  EXPECT_EQ(inbox_.messages[0], std::make_pair(std::string("echotune:events:now_playing"), std::string("one")));
  EXPECT_EQ(inbox_.messages[1].second, std::string("t\0wo", 4));  // binary-safe
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(inbox_.messages.size(), 2u);
}

TEST_F(RedisSubscriberTest, AuthenticatesWithThePassword) {
  RedisTestServer server("s3cret");
  ASSERT_TRUE(server.Start());
  Start(server, "s3cret");
  ASSERT_TRUE(inbox_.WaitSubscribed(1));
  Publish(server, "echotune:events:x", "ok");
  EXPECT_TRUE(inbox_.WaitMessages(1));
}

TEST_F(RedisSubscriberTest, ResubscribesAfterTheServerIsKilledAndRestarted) {
  RedisTestServer server;
  ASSERT_TRUE(server.Start());
  Start(server);
  ASSERT_TRUE(inbox_.WaitSubscribed(1));
  server.Stop();
  for (int i = 0; i < 200 && subscriber_->subscribed(); ++i) std::this_thread::sleep_for(5ms);
  EXPECT_FALSE(subscriber_->subscribed());
  std::this_thread::sleep_for(150ms);  // a few failed reconnects
  ASSERT_TRUE(server.Start());
  ASSERT_TRUE(inbox_.WaitSubscribed(2));
  EXPECT_TRUE(inbox_.subscribed[1]) << "a resumed subscription says so";
  Publish(server, "echotune:events:now_playing", "after");
  ASSERT_TRUE(inbox_.WaitMessages(1));
  EXPECT_EQ(inbox_.messages.back().second, "after");
}

TEST_F(RedisSubscriberTest, StartsWithoutAServerAndSubscribesOnceItIsUp) {
  RedisTestServer server;  // not started yet
  Start(server);
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(subscriber_->subscribed());
  ASSERT_TRUE(server.Start());
  ASSERT_TRUE(inbox_.WaitSubscribed(1));
  EXPECT_FALSE(inbox_.subscribed[0]);
}

TEST(RedisPublisher, DropsInsteadOfQueueingWhileRedisIsDown) {
  IoThreads io(1);
  RedisTestServer server;  // never started
  auto redis = RedisConnection::Create(io.io(), Local(server), Fast());
  redis->Start(nullptr);
  RedisPublisher publisher(redis, io.io());
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(publisher.Publish("c", "p"));
  EXPECT_EQ(publisher.stats().dropped, 1000u);
  redis->Stop();
}

TEST(RedisPublisher, PublishesWhileConnectedAndBoundsWhatIsInFlight) {
  if (!RedisTestServer::Installed()) GTEST_SKIP() << "redis-server is not installed";
  IoThreads io(1);
  RedisTestServer server;
  ASSERT_TRUE(server.Start());
  auto redis = RedisConnection::Create(io.io(), Local(server), Fast());
  redis->Start(nullptr);
  for (int i = 0; i < 500 && redis->state() != RedisConnection::State::kConnected; ++i) {
    std::this_thread::sleep_for(10ms);
  }
  RedisPublisher publisher(redis, io.io(), /*max_in_flight=*/4);
  server.Pause();  // no answers: publishes pile up until the bound
  int queued = 0;
  for (int i = 0; i < 100; ++i) queued += publisher.Publish("c", "p") ? 1 : 0;
  EXPECT_LE(queued, 4);
  server.Resume();
  redis->Stop();
}

}  // namespace
}  // namespace echotune::cache
