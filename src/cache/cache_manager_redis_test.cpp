// CacheManager against a real redis-server on a loopback port: round trips,
// TTLs seen from outside, prefix deletes, invalidation, and losing Redis
// (killed, hung, absent at start, wrong password) without failing a call.
#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <future>
#include <thread>

#include "cache/cache_manager.h"
#include "cache/cache_test_util.h"
#include "cache/redis_test_server.h"
#include "core/json_write.h"

namespace echotune::cache {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using testing::IoThreads;
using testing::RedisTestServer;
using testing::SyncRedis;

CacheOptions FastOptions() {
  CacheOptions options;
  options.redis.command_timeout = 250ms;
  options.redis.backoff_initial = 20ms;
  options.redis.backoff_max = 200ms;
  options.redis.ping_interval = 100ms;
  return options;
}

class RedisCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!RedisTestServer::Installed()) GTEST_SKIP() << "redis-server is not installed";
    ASSERT_TRUE(server_.Start());
  }
  void TearDown() override {
    cache_.reset();
    io_.Join();
  }

  void Connect(const std::string& url, CacheOptions options = FastOptions()) {
    core::Config config;
    config.redis_url = url;
    cache_ = CacheManager::Create(io_.io(), config, registry_, core::SystemClock::Instance(),
                                  options);
  }
  bool WaitForRedis(std::chrono::milliseconds timeout = 5s) {
    return io_.Run(cache_->WaitForRedis(timeout));
  }
  bool WaitForStatus(std::string_view status, std::chrono::milliseconds timeout = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (cache_->Health().StatusName() != status) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(5ms);
    }
    return true;
  }
  double Fallbacks(const std::string& pattern) {
    for (const auto& family : registry_.Collect()) {
      if (family.name != "echotune_cache_fallbacks_total") continue;
      for (const auto& m : family.metric) {
        if (m.label.at(0).value == pattern) return m.counter.value;
      }
    }
    return -1;
  }
  // Every kind of operation, checking each result; none may fail.
  void ExerciseEveryOperation(const std::string& tag) {
    const std::string key = RecsKey("u-" + tag, "hybrid", 20);
    io_.Run(cache_->Set(key, "body-" + tag, kRecsTtl));
    EXPECT_EQ(io_.Run(cache_->Get(key)), "body-" + tag);
    io_.Run(cache_->SetJson(UserPrefsKey(tag), boost::json::value{{"energy", 0.5}}, kUserPrefsTtl));
    EXPECT_TRUE(io_.Run(cache_->GetJson(UserPrefsKey(tag))).has_value());
    io_.Run(cache_->InvalidateUserRecs("u-" + tag));
    EXPECT_FALSE(io_.Run(cache_->Get(key)).has_value());
    io_.Run(cache_->InvalidateUserPrefs(tag));
    EXPECT_FALSE(io_.Run(cache_->Get(UserPrefsKey(tag))).has_value());
    io_.Run(cache_->Del("session:none"));
  }

  prometheus::Registry registry_;
  IoThreads io_{3};
  RedisTestServer server_;
  std::unique_ptr<CacheManager> cache_;
};

TEST_F(RedisCacheTest, RoundTripsValuesThroughRedis) {
  Connect(server_.Url());
  ASSERT_TRUE(WaitForRedis());
  const std::string body("{\"tracks\":[1,2]}\0\xff", 18);
  io_.Run(cache_->Set(RecsKey("u1", "hybrid", 20), body, kRecsTtl));
  EXPECT_EQ(io_.Run(cache_->Get(RecsKey("u1", "hybrid", 20))), body);
  SyncRedis redis = server_.Client();
  EXPECT_EQ(redis.Get("recs:u1:hybrid:20"), body);  // it really is in Redis
  EXPECT_FALSE(io_.Run(cache_->Get("recs:u1:hybrid:5")).has_value());
  io_.Run(cache_->SetJson(FeaturesKey("t1"), boost::json::value{{"energy", 0.81}}, kFeaturesTtl));
  EXPECT_EQ(redis.Get("features:t1"), R"({"energy":0.81})");
  EXPECT_EQ(Fallbacks("recs"), 0);
  const CacheHealth health = cache_->Health();
  EXPECT_EQ(health.StatusName(), "connected");
  ASSERT_TRUE(health.latency_ms.has_value());
  EXPECT_GE(*health.latency_ms, 0.0);
}

TEST_F(RedisCacheTest, TakeIsAGetdelAndConcurrentTakersHaveExactlyOneWinner) {
  Connect(server_.Url());
  ASSERT_TRUE(WaitForRedis());
  SyncRedis redis = server_.Client();
  for (int round = 0; round < 30; ++round) {
    const std::string key = OauthStateKey("race" + std::to_string(round));
    io_.Run(cache_->Set(key, R"({"verifier":"v"})", kOauthStateTtl));
    ASSERT_TRUE(redis.Get(key).has_value());
    std::atomic<int> winners{0};
    std::vector<std::future<void>> done;
    for (int c = 0; c < 16; ++c) {
      auto taker = [](CacheManager* cache, std::string key, std::atomic<int>* winners)
          -> asio::awaitable<void> {
        if (co_await cache->Take(key)) ++*winners;
      };
      done.push_back(asio::co_spawn(io_.io(), taker(cache_.get(), key, &winners), asio::use_future));
    }
    for (auto& f : done) f.get();
    ASSERT_EQ(winners.load(), 1) << "round " << round;
    EXPECT_FALSE(redis.Get(key).has_value());  // deleted in Redis itself
  }
  EXPECT_EQ(Fallbacks("oauth_state"), 0);
}

TEST_F(RedisCacheTest, TakeWhileRedisIsDownServesMemoryAndDeletesInRedisOnReconnect) {
  Connect(server_.Url());
  ASSERT_TRUE(WaitForRedis());
  const std::string key = OauthStateKey("outage");
  io_.Run(cache_->Set(key, "in-redis", kOauthStateTtl));
  server_.Pause();  // hung: the socket stays open, replies stop
  EXPECT_FALSE(io_.Run(cache_->Get("features:t2")).has_value());  // times out -> memory
  ASSERT_TRUE(WaitForStatus("degraded"));
  io_.Run(cache_->Set(key, "in-memory", kOauthStateTtl));
  EXPECT_EQ(io_.Run(cache_->Take(key)), "in-memory");
  EXPECT_FALSE(io_.Run(cache_->Take(key)).has_value());
  server_.Resume();
  ASSERT_TRUE(WaitForRedis(3s));
  EXPECT_FALSE(server_.Client().Get(key).has_value());  // the old value cannot be taken again
  EXPECT_FALSE(io_.Run(cache_->Take(key)).has_value());
}

TEST_F(RedisCacheTest, TtlsOfEveryPatternAreVisibleInRedis) {
  Connect(server_.Url());
  ASSERT_TRUE(WaitForRedis());
  const std::vector<std::string> keys = {
      RecsKey("u", "hybrid", 20), FeaturesKey("t"), OauthStateKey("st"), SessionKey("s"),
      SearchKey("daft punk"), UserPrefsKey("u"), SpotifyHealthKey(), ProviderHealthKey("openai")};
  for (const auto& key : keys) io_.Run(cache_->Set(key, "v", TtlOf(PatternOf(key))));
  SyncRedis redis = server_.Client();
  for (const auto& key : keys) {
    const long long want = TtlOf(PatternOf(key)).count();
    const long long ttl = redis.Ttl(key);
    EXPECT_LE(ttl, want) << key;
    EXPECT_GE(ttl, want - 2) << key;
  }
}

TEST_F(RedisCacheTest, PrefixDeleteScansEveryPageAndNothingElse) {
  Connect(server_.Url());
  ASSERT_TRUE(WaitForRedis());
  SyncRedis redis = server_.Client();
  for (int i = 0; i < 1200; ++i) {
    redis.Command({"SET", RecsKey("u1", "s" + std::to_string(i), 20), "x", "EX", "600"});
  }
  redis.Command({"SET", "recs:u10:hybrid:20", "keep", "EX", "600"});
  redis.Command({"SET", "user:u1:prefs", "keep", "EX", "600"});
  io_.Run(cache_->InvalidateUserRecs("u1"));
  EXPECT_EQ(redis.Command({"DBSIZE"})->integer, 2);
  EXPECT_EQ(redis.Get("recs:u10:hybrid:20"), "keep");
  io_.Run(cache_->InvalidateUserPrefs("u1"));
  EXPECT_FALSE(redis.Get("user:u1:prefs").has_value());
}

TEST_F(RedisCacheTest, PrefixesWithGlobCharactersAreTakenLiterally) {
  Connect(server_.Url());
  ASSERT_TRUE(WaitForRedis());
  io_.Run(cache_->Set("oauth:state:a*", "1", kOauthStateTtl));
  io_.Run(cache_->Set("oauth:state:abc", "2", kOauthStateTtl));
  io_.Run(cache_->DelPrefix("oauth:state:a*"));
  EXPECT_FALSE(io_.Run(cache_->Get("oauth:state:a*")).has_value());
  EXPECT_EQ(io_.Run(cache_->Get("oauth:state:abc")), "2");
}

TEST_F(RedisCacheTest, KilledRedisCostsNoCallAndIsUsedAgainWhenBack) {
  Connect(server_.Url());
  ASSERT_TRUE(WaitForRedis());
  ExerciseEveryOperation("before");
  server_.Stop();  // SIGKILL mid-run
  ExerciseEveryOperation("right-after-kill");
  EXPECT_TRUE(WaitForStatus("degraded"));
  ExerciseEveryOperation("while-down");
  EXPECT_GT(Fallbacks("recs"), 0);
  EXPECT_EQ(core::JsonWrite(cache_->Health().ToJson()), R"({"status":"degraded","latencyMs":null})");

  ASSERT_TRUE(server_.Start());  // same port, empty
  ASSERT_TRUE(WaitForRedis(3s)) << "not back within the 200 ms backoff cap";
  ExerciseEveryOperation("after-restart");
  io_.Run(cache_->Set(SessionKey("s1"), "back", kSessionTtl));
  EXPECT_EQ(server_.Client().Get("session:s1"), "back");
  EXPECT_EQ(cache_->MemoryStats().entries, 0u);  // memory copy dropped on reconnect
}

TEST_F(RedisCacheTest, DeletionsMissedWhileDownAreReplayedOnReconnect) {
  Connect(server_.Url());
  ASSERT_TRUE(WaitForRedis());
  io_.Run(cache_->Set(RecsKey("u1", "hybrid", 20), "old recs", kRecsTtl));
  io_.Run(cache_->Set(UserPrefsKey("u1"), "old prefs", kUserPrefsTtl));
  io_.Run(cache_->Set(FeaturesKey("t1"), "features", kFeaturesTtl));

  server_.Pause();  // hung: the socket stays open, replies stop
  EXPECT_FALSE(io_.Run(cache_->Get("features:t2")).has_value());  // times out -> memory
  ASSERT_TRUE(WaitForStatus("degraded"));
  io_.Run(cache_->InvalidateUserRecs("u1"));                        // a listen
  io_.Run(cache_->Set(UserPrefsKey("u1"), "new prefs", kUserPrefsTtl));  // newer value
  EXPECT_EQ(io_.Run(cache_->Get(UserPrefsKey("u1"))), "new prefs");
  EXPECT_FALSE(io_.Run(cache_->Get(RecsKey("u1", "hybrid", 20))).has_value());

  server_.Resume();
  ASSERT_TRUE(WaitForRedis(3s));
  SyncRedis redis = server_.Client();
  EXPECT_FALSE(redis.Get("recs:u1:hybrid:20").has_value());  // the missed delete happened
  EXPECT_FALSE(redis.Get("user:u1:prefs").has_value());      // no older value resurfaces
  EXPECT_EQ(redis.Get("features:t1"), "features");            // untouched keys stay
  EXPECT_FALSE(io_.Run(cache_->Get(RecsKey("u1", "hybrid", 20))).has_value());
}

TEST_F(RedisCacheTest, TooManyMissedChangesClearEveryContractKeyOnReconnect) {
  CacheOptions options = FastOptions();
  options.max_pending_invalidations = 2;
  Connect(server_.Url(), options);
  ASSERT_TRUE(WaitForRedis());
  io_.Run(cache_->Set(SessionKey("s1"), "logged in", kSessionTtl));
  io_.Run(cache_->Set(FeaturesKey("t1"), "f", kFeaturesTtl));
  server_.Client().Command({"SET", "foreign:key", "not ours", "EX", "600"});

  server_.Pause();
  (void)io_.Run(cache_->Get("features:t2"));
  ASSERT_TRUE(WaitForStatus("degraded"));
  for (int i = 0; i < 5; ++i) io_.Run(cache_->Set(FeaturesKey("n" + std::to_string(i)), "x", kFeaturesTtl));
  io_.Run(cache_->Del(SessionKey("s1")));  // a logout, beyond the bound

  server_.Resume();
  ASSERT_TRUE(WaitForRedis(3s));
  SyncRedis redis = server_.Client();
  EXPECT_FALSE(redis.Get("session:s1").has_value());  // the logout is not undone
  EXPECT_FALSE(redis.Get("features:t1").has_value());
  EXPECT_EQ(redis.Get("foreign:key"), "not ours");    // keys outside the contract stay
}

TEST_F(RedisCacheTest, UnreachableAtStartServesFromMemoryThenSwitches) {
  RedisTestServer late;
  Connect(late.Url());
  io_.Run(cache_->Set(SessionKey("early"), "from memory", kSessionTtl));
  EXPECT_EQ(io_.Run(cache_->Get(SessionKey("early"))), "from memory");
  EXPECT_EQ(cache_->Health().StatusName(), "degraded");
  ASSERT_TRUE(late.Start());
  ASSERT_TRUE(WaitForRedis(3s));
  io_.Run(cache_->Set(SessionKey("late"), "in redis", kSessionTtl));
  EXPECT_EQ(late.Client().Get("session:late"), "in redis");
  EXPECT_FALSE(late.Client().Get("session:early").has_value());
}

TEST_F(RedisCacheTest, AuthenticatesAndSelectsTheDatabase) {
  RedisTestServer secured("s3cret pw");
  ASSERT_TRUE(secured.Start());
  Connect("redis://:s3cret%20pw@127.0.0.1:" + std::to_string(secured.port()) + "/3");
  ASSERT_TRUE(WaitForRedis());
  io_.Run(cache_->Set(SpotifyHealthKey(), "up", kSpotifyHealthTtl));
  SyncRedis redis = secured.Client();
  EXPECT_FALSE(redis.Get("health:spotify").has_value());  // not in db 0
  redis.Command({"SELECT", "3"});
  EXPECT_EQ(redis.Get("health:spotify"), "up");
  EXPECT_LE(redis.Ttl("health:spotify"), 60);
}

TEST_F(RedisCacheTest, AWrongPasswordDegradesWithoutFailingCalls) {
  RedisTestServer secured("right");
  ASSERT_TRUE(secured.Start());
  Connect("redis://:wrong@127.0.0.1:" + std::to_string(secured.port()));
  EXPECT_FALSE(WaitForRedis(500ms));
  ExerciseEveryOperation("wrong-password");
  EXPECT_EQ(cache_->Health().StatusName(), "degraded");
}

TEST_F(RedisCacheTest, ManyConcurrentCallersShareOnePipelinedConnection) {
  Connect(server_.Url());
  ASSERT_TRUE(WaitForRedis());
  std::atomic<int> wrong{0};
  std::vector<std::future<void>> done;
  for (int c = 0; c < 32; ++c) {
    // Coroutine lambdas must not capture: the closure dies before the frame runs.
    auto worker = [](CacheManager* cache, int c, std::atomic<int>* wrong) -> asio::awaitable<void> {
      for (int i = 0; i < 100; ++i) {
        const std::string key = FeaturesKey("t" + std::to_string(c) + "-" + std::to_string(i));
        co_await cache->Set(key, "value of " + key, kFeaturesTtl);
        if (co_await cache->Get(key) != "value of " + key) ++*wrong;
      }
    };
    done.push_back(asio::co_spawn(io_.io(), worker(cache_.get(), c, &wrong), asio::use_future));
  }
  for (auto& f : done) f.get();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(server_.Client().Command({"DBSIZE"})->integer, 3200);
  EXPECT_EQ(Fallbacks("features"), 0);
}

}  // namespace
}  // namespace echotune::cache
