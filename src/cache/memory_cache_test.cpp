#include "cache/memory_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace echotune::cache {
namespace {

using std::chrono::seconds;

core::TimePoint Epoch() { return core::TimePoint(std::chrono::hours(24 * 365 * 50)); }

// Room for exactly `n` entries whose key + value are `size` bytes.
size_t RoomFor(size_t n, size_t size) { return n * (size + MemoryCache::kEntryOverhead); }

TEST(MemoryCache, StoresAndReturnsValues) {
  core::FakeClock clock(Epoch());
  MemoryCache cache(1 << 20, clock);
  EXPECT_FALSE(cache.Get("a").has_value());
  cache.Set("a", "1", seconds(10));
  EXPECT_EQ(cache.Get("a"), "1");
  cache.Set("a", "2", seconds(10));
  EXPECT_EQ(cache.Get("a"), "2");
  EXPECT_EQ(cache.GetStats().entries, 1u);
}

TEST(MemoryCache, KeepsBinaryValuesIntact) {
  core::FakeClock clock(Epoch());
  MemoryCache cache(1 << 20, clock);
  const std::string bytes("a\0b\xff", 4);
  cache.Set("bin", bytes, seconds(10));
  EXPECT_EQ(cache.Get("bin"), bytes);
}

TEST(MemoryCache, TakeReturnsTheValueOnceAndFreesItsBytes) {
  core::FakeClock clock(Epoch());
  MemoryCache cache(1 << 20, clock);
  cache.Set("oauth:state:s", "verifier", seconds(600));
  cache.Set("other", "x", seconds(600));
  const size_t before = cache.GetStats().bytes;
  EXPECT_EQ(cache.Take("oauth:state:s"), "verifier");
  EXPECT_FALSE(cache.Take("oauth:state:s").has_value());
  EXPECT_FALSE(cache.Get("oauth:state:s").has_value());
  EXPECT_EQ(cache.GetStats().entries, 1u);
  EXPECT_EQ(cache.GetStats().bytes, before - (13 + 8 + MemoryCache::kEntryOverhead));
  EXPECT_FALSE(cache.Take("never-set").has_value());
}

TEST(MemoryCache, TakeOfAnExpiredEntryIsAMissAndDropsIt) {
  core::FakeClock clock(Epoch());
  MemoryCache cache(1 << 20, clock);
  cache.Set("k", "v", seconds(10));
  clock.Advance(seconds(10));
  EXPECT_FALSE(cache.Take("k").has_value());
  EXPECT_EQ(cache.GetStats().entries, 0u);
  EXPECT_EQ(cache.GetStats().bytes, 0u);
}

TEST(MemoryCache, ConcurrentTakesOfOneKeyHaveExactlyOneWinner) {
  core::FakeClock clock(Epoch());
  MemoryCache cache(1 << 20, clock);
  for (int round = 0; round < 200; ++round) {
    cache.Set("state", "v" + std::to_string(round), seconds(600));
    std::atomic<int> winners{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        if (cache.Take("state")) ++winners;
      });
    }
    for (auto& t : threads) t.join();
    ASSERT_EQ(winners.load(), 1) << "round " << round;
  }
}

TEST(MemoryCache, EntriesExpireAtTheirTtl) {
  core::FakeClock clock(Epoch());
  MemoryCache cache(1 << 20, clock);
  cache.Set("short", "x", seconds(30));
  cache.Set("long", "y", seconds(3600));
  clock.Advance(std::chrono::milliseconds(29'999));
  EXPECT_EQ(cache.Get("short"), "x");
  clock.Advance(std::chrono::milliseconds(1));
  EXPECT_FALSE(cache.Get("short").has_value());
  EXPECT_EQ(cache.Get("long"), "y");
  EXPECT_EQ(cache.GetStats().entries, 1u);  // the expired entry was dropped on read
}

TEST(MemoryCache, ResettingAKeyRenewsItsTtl) {
  core::FakeClock clock(Epoch());
  MemoryCache cache(1 << 20, clock);
  cache.Set("k", "v1", seconds(10));
  clock.Advance(seconds(8));
  cache.Set("k", "v2", seconds(10));
  clock.Advance(seconds(8));
  EXPECT_EQ(cache.Get("k"), "v2");
}

TEST(MemoryCache, EvictsLeastRecentlyUsedWhenOverTheBound) {
  core::FakeClock clock(Epoch());
  MemoryCache cache(RoomFor(3, 2), clock, /*shards=*/1);
  cache.Set("a", "1", seconds(60));
  cache.Set("b", "2", seconds(60));
  cache.Set("c", "3", seconds(60));
  ASSERT_EQ(cache.Get("a"), "1");  // a is now most recently used; b is the oldest
  cache.Set("d", "4", seconds(60));
  EXPECT_FALSE(cache.Get("b").has_value());
  EXPECT_EQ(cache.Get("a"), "1");
  EXPECT_EQ(cache.Get("c"), "3");
  EXPECT_EQ(cache.Get("d"), "4");
  EXPECT_EQ(cache.GetStats().evictions, 1u);
  EXPECT_LE(cache.GetStats().bytes, RoomFor(3, 2));
}

TEST(MemoryCache, ABigValueEvictsAsManyAsNeeded) {
  core::FakeClock clock(Epoch());
  MemoryCache cache(RoomFor(4, 2), clock, 1);
  for (std::string k : {"a", "b", "c", "d"}) cache.Set(k, "x", seconds(60));
  cache.Set("e", std::string(2 + MemoryCache::kEntryOverhead, 'z'), seconds(60));  // two slots' worth
  EXPECT_FALSE(cache.Get("a").has_value());
  EXPECT_FALSE(cache.Get("b").has_value());
  EXPECT_TRUE(cache.Get("c").has_value());
  EXPECT_TRUE(cache.Get("e").has_value());
}

TEST(MemoryCache, AValueLargerThanTheBoundIsNotStored) {
  core::FakeClock clock(Epoch());
  MemoryCache cache(1024, clock, 1);
  cache.Set("k", "small", seconds(60));
  cache.Set("k", std::string(2048, 'x'), seconds(60));
  EXPECT_FALSE(cache.Get("k").has_value());  // and the old value is gone too
  EXPECT_EQ(cache.GetStats().bytes, 0u);
}

TEST(MemoryCache, NonPositiveTtlDeletes) {
  core::FakeClock clock(Epoch());
  MemoryCache cache(1 << 20, clock);
  cache.Set("k", "v", seconds(60));
  cache.Set("k", "v2", seconds(0));
  EXPECT_FALSE(cache.Get("k").has_value());
}

TEST(MemoryCache, DeletesByKeyAndByPrefix) {
  core::FakeClock clock(Epoch());
  MemoryCache cache(1 << 20, clock);
  cache.Set("recs:u1:a:10", "1", seconds(60));
  cache.Set("recs:u1:b:20", "2", seconds(60));
  cache.Set("recs:u10:a:10", "3", seconds(60));
  cache.Set("user:u1:prefs", "4", seconds(60));
  EXPECT_EQ(cache.DelPrefix("recs:u1:"), 2u);
  EXPECT_FALSE(cache.Get("recs:u1:a:10").has_value());
  EXPECT_EQ(cache.Get("recs:u10:a:10"), "3");
  EXPECT_TRUE(cache.Del("user:u1:prefs"));
  EXPECT_FALSE(cache.Del("user:u1:prefs"));
  cache.Clear();
  EXPECT_EQ(cache.GetStats().entries, 0u);
  EXPECT_EQ(cache.GetStats().bytes, 0u);
}

TEST(MemoryCache, StaysConsistentAndBoundedUnderConcurrentUse) {
  core::FakeClock clock(Epoch());
  const size_t bound = 64 * 1024;
  MemoryCache cache(bound, clock);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20'000; ++i) {
        const std::string key = "k" + std::to_string((i * 7 + t) % 1000);
        if (i % 3 == 0) {
          cache.Set(key, "value-of-" + key, seconds(60));
        } else if (i % 97 == 0) {
          cache.DelPrefix("k1");
        } else if (auto v = cache.Get(key); v && *v != "value-of-" + key) {
          ++wrong;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_LE(cache.GetStats().bytes, bound);
  EXPECT_GT(cache.GetStats().entries, 0u);
}

}  // namespace
}  // namespace echotune::cache
