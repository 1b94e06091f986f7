// RateLimiter: fixed-window request counting per (client address, group),
// with SYSTEM.md §7's defaults. Pure logic with an injected clock.
#pragma once

#include <array>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "core/config.h"

namespace echotune::http {

enum class RateGroup { kGlobal, kAuth, kChat, kRecs, kSpotify, kUnlimited };

// The group a path belongs to (besides the global one). /api/health and
// /metrics are kUnlimited; paths outside every group are kGlobal only.
RateGroup GroupForPath(std::string_view path);
std::string_view ToString(RateGroup group);

struct RateDecision {
  bool allowed = true;
  int limit = 0;            // of the tightest group that applies
  int remaining = 0;
  long long retry_after_s = 0;  // when refused: seconds until the window resets
  long long reset_s = 0;        // seconds until the window resets
};

// Thread-safe (sharded mutexes). Memory: one small entry per active
// (address, group); entries of past windows are dropped lazily.
class RateLimiter final {
 public:
  RateLimiter(const core::RateLimits& limits, const core::Clock& clock);

  // Counts one request from `client` to `path` in the global window and in
  // the path's group. A refused request is still counted.
  RateDecision Check(std::string_view client, std::string_view path);

 private:
  struct Window {
    long long start_ms = 0;
    int count = 0;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, Window> windows;  // guarded by mu
  };
  static constexpr size_t kShards = 16;

  RateDecision Count(std::string_view client, RateGroup group, int limit, long long now_ms);
  int LimitFor(RateGroup group) const;

  const core::RateLimits limits_;
  const core::Clock& clock_;
  std::array<Shard, kShards> shards_;
};

}  // namespace echotune::http
