// Cache throughput: get/set ops/s through CacheManager for the in-process
// backend and for Redis (a redis-server started here on a loopback port;
// skipped with a message when it cannot start). Also the raw MemoryCache
// from several threads. Each benchmark iteration is a batch of operations run
// by coroutines on an io_context; items_per_second is operations per second.
#include <benchmark/benchmark.h>
#include <prometheus/registry.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <future>
#include <memory>

#include "cache/cache_manager.h"
#include "cache/cache_test_util.h"
#include "cache/redis_test_server.h"

namespace {

namespace asio = boost::asio;
using echotune::cache::CacheManager;
using echotune::cache::FeaturesKey;
using echotune::cache::kFeaturesTtl;
using echotune::cache::testing::IoThreads;
using echotune::cache::testing::RedisTestServer;

constexpr int kKeys = 1000;
constexpr int kOpsPerCoroutine = 200;

// One cache (memory or Redis) with its io_context threads, built once.
struct Rig {
  IoThreads io{2};
  prometheus::Registry registry;
  std::unique_ptr<RedisTestServer> server;
  std::unique_ptr<CacheManager> cache;
  bool ready = false;

  explicit Rig(bool redis) {
    echotune::core::Config config;
    if (redis) {
      if (!RedisTestServer::Installed()) return;
      server = std::make_unique<RedisTestServer>();
      if (!server->Start()) return;
      config.redis_url = server->Url();
    }
    cache = CacheManager::Create(io.io(), config, registry,
                                 echotune::core::SystemClock::Instance());
    ready = !redis || io.Run(cache->WaitForRedis(std::chrono::seconds(5)));
  }
  ~Rig() {
    cache.reset();
    io.Join();
  }
};

Rig& MemoryRig() {
  static Rig rig(false);
  return rig;
}
Rig& RedisRig() {
  static Rig rig(true);
  return rig;
}

asio::awaitable<void> Ops(CacheManager* cache, bool set, int first, size_t value_size) {
  const std::string value(value_size, 'v');
  for (int i = 0; i < kOpsPerCoroutine; ++i) {
    std::string key = FeaturesKey("t" + std::to_string((first + i) % kKeys));
    if (set) {
      co_await cache->Set(std::move(key), value, kFeaturesTtl);
    } else {
      benchmark::DoNotOptimize(co_await cache->Get(std::move(key)));
    }
  }
}

// range(0): value bytes; range(1): coroutines in flight at once.
void Run(benchmark::State& state, Rig& rig, bool set) {
  if (!rig.ready) {
    state.SkipWithError("redis-server could not be started; Redis benchmark skipped");
    return;
  }
  const auto value_size = static_cast<size_t>(state.range(0));
  const int concurrency = static_cast<int>(state.range(1));
  for (int k = 0; k < kKeys; ++k) {  // warm: gets are hits
    rig.io.Run(rig.cache->Set(FeaturesKey("t" + std::to_string(k)), std::string(value_size, 'v'),
                              kFeaturesTtl));
  }
  for (auto _ : state) {
    std::vector<std::future<void>> done;
    for (int c = 0; c < concurrency; ++c) {
      done.push_back(asio::co_spawn(rig.io.io(), Ops(rig.cache.get(), set, c * 37, value_size),
                                    asio::use_future));
    }
    for (auto& f : done) f.get();
  }
  state.SetItemsProcessed(state.iterations() * concurrency * kOpsPerCoroutine);
}

void BM_MemoryGet(benchmark::State& s) { Run(s, MemoryRig(), false); }
void BM_MemorySet(benchmark::State& s) { Run(s, MemoryRig(), true); }
void BM_RedisGet(benchmark::State& s) { Run(s, RedisRig(), false); }
void BM_RedisSet(benchmark::State& s) { Run(s, RedisRig(), true); }

// {value bytes, coroutines in flight}: 1 = one op at a time (latency-bound),
// 64 = pipelined on the one connection.
#define CACHE_ARGS ArgsProduct({{128, 8192}, {1, 64}})->UseRealTime()->MinTime(0.3)
BENCHMARK(BM_MemoryGet)->CACHE_ARGS;
BENCHMARK(BM_MemorySet)->CACHE_ARGS;
BENCHMARK(BM_RedisGet)->CACHE_ARGS;
BENCHMARK(BM_RedisSet)->CACHE_ARGS;

// The raw in-process store, no coroutines: the ceiling of the memory backend.
void BM_MemoryCacheRawGet(benchmark::State& state) {
  static echotune::cache::MemoryCache cache(64 << 20, echotune::core::SystemClock::Instance());
  if (state.thread_index() == 0) {
    for (int k = 0; k < kKeys; ++k) cache.Set(FeaturesKey("t" + std::to_string(k)), "v", kFeaturesTtl);
  }
  std::vector<std::string> keys;
  for (int k = 0; k < kKeys; ++k) keys.push_back(FeaturesKey("t" + std::to_string(k)));
  size_t i = static_cast<size_t>(state.thread_index()) * 101;
  for (auto _ : state) benchmark::DoNotOptimize(cache.Get(keys[i++ % kKeys]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MemoryCacheRawGet)->Threads(1)->Threads(2)->UseRealTime()->MinTime(0.3);

}  // namespace

BENCHMARK_MAIN();
