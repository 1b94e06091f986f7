// CacheManager without Redis (REDIS_URL unset): the in-process backend
// behind the awaitable API, metrics, health and concurrent use.
#include "cache/cache_manager.h"

#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/serialize.hpp>
#include <future>
#include <map>

#include "cache/cache_test_util.h"
#include "core/json_write.h"

namespace echotune::cache {
namespace {

namespace asio = boost::asio;
using std::chrono::seconds;
using testing::IoThreads;

// The value of a counter with exactly these labels, or -1.
double CounterValue(prometheus::Registry& registry, const std::string& name,
                    const std::map<std::string, std::string>& labels) {
  for (const auto& family : registry.Collect()) {
    if (family.name != name) continue;
    for (const auto& metric : family.metric) {
      std::map<std::string, std::string> have;
      for (const auto& l : metric.label) have[l.name] = l.value;
      if (have == labels) return metric.counter.value;
    }
  }
  return -1;
}

class MemoryCacheManagerTest : public ::testing::Test {
 protected:
  MemoryCacheManagerTest() : clock_(core::TimePoint(std::chrono::hours(500'000))) {
    core::Config config;
    config.cache_max_mb = 4;
    cache_ = CacheManager::Create(io_.io(), config, registry_, clock_);
  }
  ~MemoryCacheManagerTest() override {
    cache_.reset();
    io_.Join();
  }

  IoThreads io_{4};
  prometheus::Registry registry_;
  core::FakeClock clock_;
  std::unique_ptr<CacheManager> cache_;
};

TEST_F(MemoryCacheManagerTest, RoundTripsStringsAndBytes) {
  const std::string body("{\"tracks\":[]}\0tail", 18);
  io_.Run(cache_->Set("recs:u1:hybrid:20", body, kRecsTtl));
  EXPECT_EQ(io_.Run(cache_->Get("recs:u1:hybrid:20")), body);
  EXPECT_FALSE(io_.Run(cache_->Get("recs:u1:hybrid:10")).has_value());
}

TEST_F(MemoryCacheManagerTest, RoundTripsJsonWithPlainDoubles) {
  boost::json::value prefs = {{"energy", 0.81}, {"genres", {"house", "jazz"}}};
  io_.Run(cache_->SetJson(UserPrefsKey("u1"), prefs, kUserPrefsTtl));
  EXPECT_EQ(io_.Run(cache_->Get(UserPrefsKey("u1"))), core::JsonWrite(prefs));
  EXPECT_NE(io_.Run(cache_->Get(UserPrefsKey("u1")))->find("0.81"), std::string::npos);
  auto back = io_.Run(cache_->GetJson(UserPrefsKey("u1")));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, prefs);
}

TEST_F(MemoryCacheManagerTest, InvalidJsonIsAMiss) {
  io_.Run(cache_->Set("features:t1", "not json {", kFeaturesTtl));
  EXPECT_FALSE(io_.Run(cache_->GetJson("features:t1")).has_value());
}

TEST_F(MemoryCacheManagerTest, TakeJsonReturnsTheValueOnce) {
  io_.Run(cache_->SetJson(OauthStateKey("s1"), boost::json::value{{"verifier", "v"}}, kOauthStateTtl));
  auto first = io_.Run(cache_->TakeJson(OauthStateKey("s1")));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->at("verifier"), "v");
  EXPECT_FALSE(io_.Run(cache_->Take(OauthStateKey("s1"))).has_value());
  EXPECT_FALSE(io_.Run(cache_->Get(OauthStateKey("s1"))).has_value());
  io_.Run(cache_->Set(OauthStateKey("s2"), "not json {", kOauthStateTtl));
  EXPECT_FALSE(io_.Run(cache_->TakeJson(OauthStateKey("s2"))).has_value());
  EXPECT_FALSE(io_.Run(cache_->Get(OauthStateKey("s2"))).has_value());  // gone all the same
}

TEST_F(MemoryCacheManagerTest, ConcurrentTakesFromManyThreadsHaveExactlyOneWinner) {
  for (int round = 0; round < 50; ++round) {
    const std::string key = OauthStateKey("race" + std::to_string(round));
    io_.Run(cache_->Set(key, "verifier", kOauthStateTtl));
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
  }
}

TEST_F(MemoryCacheManagerTest, TtlExpiresOnTheInjectedClock) {
  io_.Run(cache_->Set(ProviderHealthKey("gemini"), "ok", kProviderHealthTtl));
  clock_.Advance(std::chrono::seconds(29));
  EXPECT_TRUE(io_.Run(cache_->Get(ProviderHealthKey("gemini"))).has_value());
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_FALSE(io_.Run(cache_->Get(ProviderHealthKey("gemini"))).has_value());
}

TEST_F(MemoryCacheManagerTest, InvalidationHelpersDeleteTheRightKeys) {
  io_.Run(cache_->Set(RecsKey("u1", "hybrid", 20), "a", kRecsTtl));
  io_.Run(cache_->Set(RecsKey("u1", "content", 10), "b", kRecsTtl));
  io_.Run(cache_->Set(RecsKey("u12", "hybrid", 20), "c", kRecsTtl));
  io_.Run(cache_->Set(UserPrefsKey("u1"), "p", kUserPrefsTtl));
  io_.Run(cache_->InvalidateUserRecs("u1"));
  EXPECT_FALSE(io_.Run(cache_->Get(RecsKey("u1", "hybrid", 20))).has_value());
  EXPECT_FALSE(io_.Run(cache_->Get(RecsKey("u1", "content", 10))).has_value());
  EXPECT_EQ(io_.Run(cache_->Get(RecsKey("u12", "hybrid", 20))), "c");
  EXPECT_EQ(io_.Run(cache_->Get(UserPrefsKey("u1"))), "p");
  io_.Run(cache_->InvalidateUserPrefs("u1"));
  EXPECT_FALSE(io_.Run(cache_->Get(UserPrefsKey("u1"))).has_value());
}

TEST_F(MemoryCacheManagerTest, ZeroTtlDeletes) {
  io_.Run(cache_->Set("session:s", "v", kSessionTtl));
  io_.Run(cache_->Set("session:s", "v2", seconds(0)));
  EXPECT_FALSE(io_.Run(cache_->Get("session:s")).has_value());
}

TEST_F(MemoryCacheManagerTest, HealthSaysMemory) {
  const CacheHealth health = cache_->Health();
  EXPECT_EQ(health.StatusName(), "memory");
  EXPECT_EQ(core::JsonWrite(health.ToJson()), R"({"status":"memory","latencyMs":null})");
  EXPECT_FALSE(io_.Run(cache_->WaitForRedis(std::chrono::milliseconds(10))));
}

TEST_F(MemoryCacheManagerTest, CountsHitsAndMissesPerPatternWithoutFallbacks) {
  io_.Run(cache_->Set(FeaturesKey("t1"), "{}", kFeaturesTtl));
  (void)io_.Run(cache_->Get(FeaturesKey("t1")));
  (void)io_.Run(cache_->Get(FeaturesKey("t1")));
  (void)io_.Run(cache_->Get(FeaturesKey("t2")));
  (void)io_.Run(cache_->Get("unrelated"));
  const std::string requests = "echotune_cache_requests_total";
  EXPECT_EQ(CounterValue(registry_, requests, {{"pattern", "features"}, {"result", "hit"}}), 2);
  EXPECT_EQ(CounterValue(registry_, requests, {{"pattern", "features"}, {"result", "miss"}}), 1);
  EXPECT_EQ(CounterValue(registry_, requests, {{"pattern", "other"}, {"result", "miss"}}), 1);
  EXPECT_EQ(CounterValue(registry_, "echotune_cache_fallbacks_total", {{"pattern", "features"}}), 0);
}

TEST_F(MemoryCacheManagerTest, ServesManyCoroutinesOnManyThreads) {
  std::atomic<int> wrong{0};
  std::vector<std::future<void>> done;
  for (int c = 0; c < 64; ++c) {
    // Coroutine lambdas must not capture: the closure dies before the frame runs.
    auto worker = [](CacheManager* cache, int c, std::atomic<int>* wrong) -> asio::awaitable<void> {
      for (int i = 0; i < 300; ++i) {
        const std::string key = RecsKey("u" + std::to_string((c + i) % 50), "hybrid", 20);
        if (i % 4 == 0) {
          co_await cache->Set(key, "body:" + key, kRecsTtl);
        } else if (i % 50 == 0) {
          co_await cache->InvalidateUserRecs("u" + std::to_string(i % 50));
        } else if (auto v = co_await cache->Get(key); v && *v != "body:" + key) {
          ++*wrong;
        }
      }
    };
    done.push_back(asio::co_spawn(io_.io(), worker(cache_.get(), c, &wrong), asio::use_future));
  }
  for (auto& f : done) f.get();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(CacheManagerConfig, BadRedisUrlMeansDegradedButWorking) {
  IoThreads io(1);
  prometheus::Registry registry;
  core::Config config;
  config.redis_url = "http://nope";
  auto cache = CacheManager::Create(io.io(), config, registry, core::SystemClock::Instance());
  io.Run(cache->Set(SessionKey("s"), "data", kSessionTtl));
  EXPECT_EQ(io.Run(cache->Get(SessionKey("s"))), "data");
  EXPECT_EQ(cache->Health().StatusName(), "degraded");
  EXPECT_EQ(CounterValue(registry, "echotune_cache_fallbacks_total", {{"pattern", "session"}}), 2);
  cache.reset();
  io.Join();
}

}  // namespace
}  // namespace echotune::cache
