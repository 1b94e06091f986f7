#include "cache/cache_manager.h"

#include <spdlog/spdlog.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>

#include "cache/redis_commands.h"
#include "core/json_write.h"

namespace echotune::cache {
namespace asio = boost::asio;
namespace {

constexpr size_t kMiB = size_t{1} << 20;

// Prefixes covering the eight key patterns of the contract.
constexpr std::string_view kContractPrefixes[] = {
    "recs:", "features:", "oauth:state:", "session:", "search:", "user:", "health:spotify",
    "provider:health:"};

void LogUnexpected(std::string_view op) {
  spdlog::error("cache: unexpected failure in {}; treated as a miss", op);
}

// Runs on the Redis strand each time a connection is established, before it
// serves: deletes what Redis missed while down, then drops the in-process
// copy (it was only valid while memory was authoritative).
asio::awaitable<void> Resync(RedisConnection& redis, std::shared_ptr<MemoryCache> memory,
                             std::shared_ptr<PendingInvalidations> pending) {
  PendingInvalidations::Batch batch = pending->Take();
  if (batch.dropped > 0) {
    // Too much was missed to replay key by key: drop every contract key instead
    // (all are rebuilt from the store), so nothing stale or deleted resurfaces.
    spdlog::warn("cache: {} changes made while Redis was down were not tracked; "
                 "clearing every cache key pattern in Redis", batch.dropped);
    for (std::string_view prefix : kContractPrefixes) {
      batch.items.push_back(PendingInvalidations::Item{std::string(prefix), true});
    }
  }
  std::vector<std::string> keys;
  for (const auto& item : batch.items) {
    if (!item.is_prefix) keys.push_back(item.text);
  }
  bool ok = co_await RedisUnlink(redis, keys);
  for (size_t i = 0; ok && i < batch.items.size(); ++i) {
    if (batch.items[i].is_prefix) ok = co_await RedisDeletePrefix(redis, batch.items[i].text);
  }
  if (!ok) co_return pending->Restore(std::move(batch.items));  // replayed again next time
  memory->Clear();
}

}  // namespace

std::unique_ptr<CacheManager> CacheManager::Create(asio::io_context& io,
                                                   const core::Config& config,
                                                   prometheus::Registry& registry,
                                                   const core::Clock& clock,
                                                   CacheOptions options) {
  return std::make_unique<CacheManager>(Private{}, io, config, registry, clock, options);
}

CacheManager::CacheManager(Private, asio::io_context& io, const core::Config& config,
                           prometheus::Registry& registry, const core::Clock& clock,
                           const CacheOptions& options)
    : redis_configured_(config.UsesRedis()),
      memory_(std::make_shared<MemoryCache>(static_cast<size_t>(config.cache_max_mb) * kMiB,
                                            clock, options.memory_shards)),
      pending_(std::make_shared<PendingInvalidations>(options.max_pending_invalidations)),
      metrics_(registry) {
  if (!redis_configured_) return;
  core::Result<RedisUrl> url = ParseRedisUrl(config.redis_url);
  if (!url.ok()) {
    spdlog::error("cache: {}; using the in-process cache only", url.error().message);
    return;
  }
  redis_ = RedisConnection::Create(io, std::move(url).value(), options.redis);
  redis_->Start([memory = memory_, pending = pending_](RedisConnection& redis) {
    return Resync(redis, memory, pending);
  });
}

CacheManager::~CacheManager() {
  if (redis_) redis_->Stop();
}

bool CacheManager::RedisServing() const {
  return redis_ && redis_->state() == RedisConnection::State::kConnected;
}

asio::awaitable<std::shared_ptr<const std::string>> CacheManager::GetShared(std::string key) {
  const KeyPattern pattern = PatternOf(key);
  try {
    if (RedisServing()) {
      RedisGetResult result = co_await RedisGet(*redis_, key);
      if (result.ok) {
        metrics_.Lookup(pattern, result.value.has_value());
        if (!result.value) co_return nullptr;
        co_return std::make_shared<const std::string>(std::move(*result.value));
      }
    }
    if (redis_configured_) metrics_.Fallback(pattern);
    std::shared_ptr<const std::string> value = memory_->GetShared(key);
    metrics_.Lookup(pattern, value != nullptr);
    co_return value;
  } catch (...) {
    LogUnexpected("GetShared");
  }
  co_return nullptr;
}

asio::awaitable<std::optional<std::string>> CacheManager::Get(std::string key) {
  std::shared_ptr<const std::string> value = co_await GetShared(std::move(key));
  if (!value) co_return std::nullopt;
  co_return *value;
}

asio::awaitable<void> CacheManager::Set(std::string key, std::string value,
                                        std::chrono::seconds ttl) {
  if (ttl.count() <= 0) co_return co_await Del(std::move(key));
  const KeyPattern pattern = PatternOf(key);
  try {
    if (RedisServing() && co_await RedisSetEx(*redis_, key, value, ttl)) co_return;
    SetInMemory(std::move(key), std::move(value), ttl, pattern);
  } catch (...) {
    LogUnexpected("Set");
  }
}

asio::awaitable<std::optional<std::string>> CacheManager::Take(std::string key) {
  const KeyPattern pattern = PatternOf(key);
  try {
    if (RedisServing()) {
      RedisGetResult result = co_await RedisGetDel(*redis_, key);
      if (result.ok) {
        memory_->Del(key);  // a copy from a Redis outage must not be taken again
        metrics_.Lookup(pattern, result.value.has_value());
        co_return std::move(result.value);
      }
    }
    std::optional<std::string> value = memory_->Take(key);
    metrics_.Lookup(pattern, value.has_value());
    // Redis may still hold the key from before it went away: deleted on
    // reconnect. Counts the fallback too.
    MissedByRedis(std::move(key), false, pattern);
    co_return value;
  } catch (...) {
    LogUnexpected("Take");
  }
  co_return std::nullopt;
}

namespace {

std::optional<boost::json::value> ParseJson(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(*text, ec);
  if (ec) return std::nullopt;
  return value;
}

}  // namespace

asio::awaitable<std::optional<boost::json::value>> CacheManager::GetJson(std::string key) {
  co_return ParseJson(co_await Get(std::move(key)));
}

asio::awaitable<std::optional<boost::json::value>> CacheManager::TakeJson(std::string key) {
  co_return ParseJson(co_await Take(std::move(key)));
}

asio::awaitable<void> CacheManager::SetJson(std::string key, const boost::json::value& value,
                                            std::chrono::seconds ttl) {
  return Set(std::move(key), core::JsonWrite(value), ttl);
}

asio::awaitable<void> CacheManager::Del(std::string key) {
  const KeyPattern pattern = PatternOf(key);
  try {
    memory_->Del(key);
    if (RedisServing() && co_await RedisUnlink(*redis_, std::vector<std::string>(1, key))) {
      co_return;
    }
    MissedByRedis(std::move(key), false, pattern);
  } catch (...) {
    LogUnexpected("Del");
  }
}

asio::awaitable<void> CacheManager::DelPrefix(std::string prefix) {
  const KeyPattern pattern = PatternOf(prefix);
  try {
    memory_->DelPrefix(prefix);
    if (RedisServing() && co_await RedisDeletePrefix(*redis_, prefix)) co_return;
    MissedByRedis(std::move(prefix), true, pattern);
  } catch (...) {
    LogUnexpected("DelPrefix");
  }
}

asio::awaitable<void> CacheManager::InvalidateUserRecs(std::string_view user_id) {
  return DelPrefix(RecsPrefix(user_id));
}

asio::awaitable<void> CacheManager::InvalidateUserPrefs(std::string_view user_id) {
  return Del(UserPrefsKey(user_id));
}

void CacheManager::SetInMemory(std::string key, std::string value, std::chrono::seconds ttl,
                               KeyPattern pattern) {
  memory_->Set(key, std::move(value), ttl);
  // Redis may hold an older value of this key; it is deleted on reconnect.
  MissedByRedis(std::move(key), false, pattern);
}

void CacheManager::MissedByRedis(std::string key_or_prefix, bool is_prefix, KeyPattern pattern) {
  if (!redis_configured_) return;
  metrics_.Fallback(pattern);
  if (!redis_) return;
  if (is_prefix) {
    pending_->AddPrefix(std::move(key_or_prefix));
  } else {
    pending_->AddKey(std::move(key_or_prefix));
  }
}

CacheHealth CacheManager::Health() const {
  CacheHealth health;
  if (!redis_configured_) return health;
  health.status = RedisServing() ? CacheHealth::Status::kConnected : CacheHealth::Status::kDegraded;
  if (RedisServing()) health.latency_ms = redis_->LatencyMs();
  return health;
}

asio::awaitable<bool> CacheManager::WaitForRedis(std::chrono::milliseconds timeout) {
  if (!redis_) co_return false;
  try {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!RedisServing() && std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(std::chrono::milliseconds(5));
      co_await timer.async_wait(asio::use_awaitable);
    }
  } catch (...) {
    LogUnexpected("WaitForRedis");
  }
  co_return RedisServing();
}

}  // namespace echotune::cache
