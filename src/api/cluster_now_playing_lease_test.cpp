// ClusterNowPlayingLease against a real redis-server: one poller per user
// across instances, handed over on release or expiry, and polling everywhere
// (never nowhere) while Redis is unreachable.
#include "api/cluster_now_playing_lease.h"

#include <gtest/gtest.h>

#include <thread>

#include "cache/cache_test_util.h"
#include "cache/redis_test_server.h"

namespace echotune::api {
namespace {

using namespace std::chrono_literals;
using cache::testing::IoThreads;
using cache::testing::RedisTestServer;

class ClusterNowPlayingLeaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!RedisTestServer::Installed()) GTEST_SKIP() << "redis-server is not installed";
    ASSERT_TRUE(server_.Start());
    cache::RedisUrl url;
    url.host = "127.0.0.1";
    url.port = server_.port();
    cache::RedisOptions options;
    options.backoff_initial = 20ms;
    options.backoff_max = 100ms;
    redis_ = cache::RedisConnection::Create(io_.io(), url, options);
    redis_->Start(nullptr);
    ASSERT_TRUE(Connected());
    a_ = std::make_unique<ClusterNowPlayingLease>(redis_, "instance-a");
    b_ = std::make_unique<ClusterNowPlayingLease>(redis_, "instance-b");
  }
  void TearDown() override {
    if (redis_) redis_->Stop();
  }

  bool Connected() {
    for (int i = 0; i < 200; ++i) {
      if (redis_->state() == cache::RedisConnection::State::kConnected) return true;
      std::this_thread::sleep_for(25ms);
    }
    return false;
  }
  bool Hold(ClusterNowPlayingLease& lease, std::chrono::milliseconds ttl = 5s) {
    return io_.Run(lease.Hold("u1", ttl));
  }
  void Release(ClusterNowPlayingLease& lease) { io_.Run(lease.Release("u1")); }

  RedisTestServer server_;
  IoThreads io_{1};
  std::shared_ptr<cache::RedisConnection> redis_;
  std::unique_ptr<ClusterNowPlayingLease> a_, b_;
};

TEST_F(ClusterNowPlayingLeaseTest, OneInstanceHoldsAUserAndRenewsItsOwnLease) {
  EXPECT_TRUE(Hold(*a_));
  EXPECT_FALSE(Hold(*b_)) << "a second poller of the same user";
  EXPECT_TRUE(Hold(*a_)) << "the holder's renewal was refused";
  EXPECT_TRUE(io_.Run(b_->Hold("u2", 5s))) << "leases are per user";
}

TEST_F(ClusterNowPlayingLeaseTest, ReleaseHandsTheUserOverAndOnlyTheHolderCanRelease) {
  ASSERT_TRUE(Hold(*a_));
  Release(*b_);  // not b's lease: no effect
  EXPECT_FALSE(Hold(*b_));
  Release(*a_);
  EXPECT_TRUE(Hold(*b_));
  EXPECT_FALSE(Hold(*a_));
}

TEST_F(ClusterNowPlayingLeaseTest, AnExpiredLeaseIsTakenOver) {
  ASSERT_TRUE(Hold(*a_, 150ms));  // a dies here: no renewal
  std::this_thread::sleep_for(400ms);
  EXPECT_TRUE(Hold(*b_));
  EXPECT_FALSE(Hold(*a_)) << "the old holder came back and polls beside the new one";
}

TEST_F(ClusterNowPlayingLeaseTest, WithoutRedisEveryInstancePolls) {
  ASSERT_TRUE(Hold(*a_));
  server_.Stop();
  EXPECT_TRUE(Hold(*b_)) << "nobody would poll while Redis is down";
  EXPECT_TRUE(Hold(*a_));
  io_.Run(b_->Release("u1"));  // harmless while unreachable
}

}  // namespace
}  // namespace echotune::api
