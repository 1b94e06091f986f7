// RedisConnection on its own: pipelining, resuming callers on their own
// executors, failing fast without a server, and timeouts on a hung one.
#include "cache/redis_connection.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <future>
#include <thread>

#include "cache/cache_test_util.h"
#include "cache/redis_test_server.h"

namespace echotune::cache {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using testing::IoThreads;
using testing::RedisTestServer;

RedisUrl Local(uint16_t port) {
  RedisUrl url;
  url.host = "127.0.0.1";
  url.port = port;
  return url;
}

RedisOptions Fast() {
  RedisOptions options;
  options.backoff_initial = 20ms;
  options.backoff_max = 100ms;
  options.ping_interval = 50ms;
  return options;
}

bool WaitConnected(const RedisConnection& redis) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (redis.state() != RedisConnection::State::kConnected) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

class RedisConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!RedisTestServer::Installed()) GTEST_SKIP() << "redis-server is not installed";
    ASSERT_TRUE(server_.Start());
    redis_ = RedisConnection::Create(io_.io(), Local(server_.port()), Fast());
    redis_->Start(nullptr);
    ASSERT_TRUE(WaitConnected(*redis_));
  }
  void TearDown() override {
    if (redis_) redis_->Stop();
    redis_.reset();
    io_.Join();
  }

  IoThreads io_{2};
  RedisTestServer server_;
  std::shared_ptr<RedisConnection> redis_;
};

// Each coroutine keeps INCR-ing its own counter without awaiting in between
// submissions of other coroutines: replies must come back to the right caller
// in order, and a few hundred commands are in flight on the one socket.
TEST_F(RedisConnectionTest, PipelinesCommandsFromManyCallersInOrder) {
  auto counter = [](RedisConnection* redis, int id) -> asio::awaitable<bool> {
    bool ok = true;
    for (long long i = 1; i <= 200; ++i) {
      std::vector<std::string> args{"INCR", "counter:" + std::to_string(id)};
      std::optional<RedisReply> reply = co_await redis->Execute(std::move(args));
      ok = ok && reply && reply->integer == i;
    }
    co_return ok;
  };
  std::vector<std::future<bool>> results;
  for (int id = 0; id < 50; ++id) {
    results.push_back(asio::co_spawn(io_.io(), counter(redis_.get(), id), asio::use_future));
  }
  for (auto& r : results) EXPECT_TRUE(r.get());
  ASSERT_TRUE(redis_->LatencyMs().has_value());
}

TEST_F(RedisConnectionTest, ResumesCallersOnTheirOwnExecutor) {
  IoThreads other(1);  // a different io_context, as with one io_context per core
  auto probe = [](RedisConnection* redis, asio::io_context* home) -> asio::awaitable<bool> {
    std::vector<std::string> args{"PING"};
    std::optional<RedisReply> reply = co_await redis->Execute(std::move(args));
    co_return reply && reply->str == "PONG" && home->get_executor().running_in_this_thread();
  };
  EXPECT_TRUE(other.Run(probe(redis_.get(), &other.io())));
  other.Join();
}

TEST_F(RedisConnectionTest, ErrorRepliesAreRepliesNotFailures) {
  std::vector<std::string> args{"INCR", "not-a-number"};
  io_.Run([](RedisConnection* redis) -> asio::awaitable<void> {
    std::vector<std::string> set{"SET", "not-a-number", "abc"};
    co_await redis->Execute(std::move(set));
  }(redis_.get()));
  std::optional<RedisReply> reply = io_.Run(redis_->Execute(std::move(args)));
  ASSERT_TRUE(reply.has_value());
  EXPECT_TRUE(reply->IsError());
}

TEST_F(RedisConnectionTest, AHungServerFailsCommandsAtTheTimeoutAndIsLeft) {
  server_.Pause();
  const auto start = std::chrono::steady_clock::now();
  std::optional<RedisReply> reply = io_.Run(redis_->Execute(std::vector<std::string>(1, "PING")));
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(reply.has_value());
  EXPECT_GE(waited, 200ms);
  EXPECT_LT(waited, 2s);
  EXPECT_NE(redis_->state(), RedisConnection::State::kConnected);
  EXPECT_FALSE(redis_->LatencyMs().has_value());
  server_.Resume();
  EXPECT_TRUE(WaitConnected(*redis_));
}

TEST(RedisConnectionNoServer, FailsFastAndKeepsRetrying) {
  IoThreads io(1);
  auto redis = RedisConnection::Create(io.io(), Local(RedisTestServer::FreePort()), Fast());
  redis->Start(nullptr);
  const auto start = std::chrono::steady_clock::now();
  std::optional<RedisReply> reply = io.Run(redis->Execute(std::vector<std::string>(1, "PING")));
  EXPECT_FALSE(reply.has_value());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_NE(redis->state(), RedisConnection::State::kConnected);
  redis->Stop();
  redis.reset();
  io.Join();
}

}  // namespace
}  // namespace echotune::cache
