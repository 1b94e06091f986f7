#include "http/rate_limiter.h"

#include <functional>

#include "core/time_format.h"

namespace echotune::http {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Past this many entries a shard drops the windows that have ended.
constexpr size_t kSweepThreshold = 4096;

}  // namespace

RateGroup GroupForPath(std::string_view path) {
  if (path == "/api/health" || path == "/metrics") return RateGroup::kUnlimited;
  if (StartsWith(path, "/auth/") || path == "/auth") return RateGroup::kAuth;
  if (StartsWith(path, "/api/chat/") || path == "/api/chat") return RateGroup::kChat;
  if (StartsWith(path, "/api/recommendations")) return RateGroup::kRecs;
  if (StartsWith(path, "/api/spotify/") || path == "/api/spotify") return RateGroup::kSpotify;
  return RateGroup::kGlobal;
}

std::string_view ToString(RateGroup group) {
  switch (group) {
    case RateGroup::kGlobal: return "global";
    case RateGroup::kAuth: return "auth";
    case RateGroup::kChat: return "chat";
    case RateGroup::kRecs: return "recommendations";
    case RateGroup::kSpotify: return "spotify";
    case RateGroup::kUnlimited: return "unlimited";
  }
  return "global";
}

RateLimiter::RateLimiter(const core::RateLimits& limits, const core::Clock& clock)
    : limits_(limits), clock_(clock) {}

int RateLimiter::LimitFor(RateGroup group) const {
  switch (group) {
    case RateGroup::kAuth: return limits_.auth;
    case RateGroup::kChat: return limits_.chat;
    case RateGroup::kRecs: return limits_.recs;
    case RateGroup::kSpotify: return limits_.spotify;
    default: return limits_.global;
  }
}

RateDecision RateLimiter::Check(std::string_view client, std::string_view path) {
  RateGroup group = GroupForPath(path);
  if (group == RateGroup::kUnlimited) return RateDecision{};
  long long now_ms = core::ToUnixMillis(clock_.Now());
  RateDecision global = Count(client, RateGroup::kGlobal, limits_.global, now_ms);
  if (group == RateGroup::kGlobal) return global;
  RateDecision own = Count(client, group, LimitFor(group), now_ms);
  if (!global.allowed) return global;
  if (!own.allowed) return own;
  return own.remaining <= global.remaining ? own : global;
}

RateDecision RateLimiter::Count(std::string_view client, RateGroup group, int limit,
                                long long now_ms) {
  std::string key;
  key.reserve(client.size() + 12);
  key.append(ToString(group)).append("|").append(client);
  const long long window_ms = static_cast<long long>(limits_.window_s) * 1000;
  Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
  std::lock_guard lock(shard.mu);
  if (shard.windows.size() > kSweepThreshold) {
    std::erase_if(shard.windows,
                  [&](const auto& kv) { return now_ms - kv.second.start_ms >= window_ms; });
  }
  Window& w = shard.windows[key];
  if (w.count == 0 || now_ms - w.start_ms >= window_ms) w = Window{now_ms, 0};
  ++w.count;
  RateDecision d;
  d.limit = limit;
  d.remaining = std::max(0, limit - w.count);
  d.reset_s = (w.start_ms + window_ms - now_ms + 999) / 1000;
  d.allowed = w.count <= limit;
  if (!d.allowed) d.retry_after_s = std::max(1LL, d.reset_s);
  return d;
}

}  // namespace echotune::http
