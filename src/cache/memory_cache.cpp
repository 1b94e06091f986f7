#include "cache/memory_cache.h"

#include <functional>

namespace echotune::cache {

MemoryCache::MemoryCache(size_t max_bytes, const core::Clock& clock, size_t shards)
    : shard_max_bytes_(max_bytes / shards), clock_(clock) {
  shards_.reserve(shards);
  for (size_t i = 0; i < shards; ++i) shards_.push_back(std::make_unique<Shard>());
}

MemoryCache::Shard& MemoryCache::ShardFor(std::string_view key) {
  return *shards_[std::hash<std::string_view>{}(key) % shards_.size()];
}

void MemoryCache::Erase(Shard& shard, Lru::iterator it) {
  shard.bytes -= it->Bytes();
  shard.index.erase(std::string_view(it->key));
  shard.lru.erase(it);
}

void MemoryCache::EvictToFit(Shard& shard) {
  while (shard.bytes > shard_max_bytes_ && !shard.lru.empty()) {
    Erase(shard, std::prev(shard.lru.end()));
    ++shard.evictions;
  }
}

std::optional<std::string> MemoryCache::Get(std::string_view key) {
  std::shared_ptr<const std::string> value = GetShared(key);
  if (!value) return std::nullopt;
  return *value;
}

std::shared_ptr<const std::string> MemoryCache::GetShared(std::string_view key) {
  const core::TimePoint now = clock_.Now();
  Shard& shard = ShardFor(key);
  std::lock_guard lock(shard.mu);
  auto found = shard.index.find(key);
  if (found == shard.index.end()) return nullptr;
  Lru::iterator it = found->second;
  if (it->expires_at <= now) {
    Erase(shard, it);
    return nullptr;
  }
  shard.lru.splice(shard.lru.begin(), shard.lru, it);
  return it->value;
}

void MemoryCache::Set(std::string_view key, std::string value, std::chrono::seconds ttl) {
  if (ttl.count() <= 0 || key.size() + value.size() + kEntryOverhead > shard_max_bytes_) {
    Del(key);
    return;
  }
  const core::TimePoint expires_at = clock_.Now() + ttl;
  Shard& shard = ShardFor(key);
  std::lock_guard lock(shard.mu);
  if (auto found = shard.index.find(key); found != shard.index.end()) Erase(shard, found->second);
  shard.lru.push_front(
      Entry{std::string(key), std::make_shared<const std::string>(std::move(value)), expires_at});
  shard.index.emplace(std::string_view(shard.lru.front().key), shard.lru.begin());
  shard.bytes += shard.lru.front().Bytes();
  EvictToFit(shard);
}

std::optional<std::string> MemoryCache::Take(std::string_view key) {
  const core::TimePoint now = clock_.Now();
  Shard& shard = ShardFor(key);
  std::lock_guard lock(shard.mu);
  auto found = shard.index.find(key);
  if (found == shard.index.end()) return std::nullopt;
  Lru::iterator it = found->second;
  std::optional<std::string> value;
  if (it->expires_at > now) value = *it->value;  // a copy: GetShared callers may share it
  Erase(shard, it);
  return value;
}

bool MemoryCache::Del(std::string_view key) {
  Shard& shard = ShardFor(key);
  std::lock_guard lock(shard.mu);
  auto found = shard.index.find(key);
  if (found == shard.index.end()) return false;
  Erase(shard, found->second);
  return true;
}

size_t MemoryCache::DelPrefix(std::string_view prefix) {
  size_t removed = 0;
  for (auto& shard : shards_) {
    std::lock_guard lock(shard->mu);
    for (auto it = shard->lru.begin(); it != shard->lru.end();) {
      auto next = std::next(it);
      if (std::string_view(it->key).starts_with(prefix)) {
        Erase(*shard, it);
        ++removed;
      }
      it = next;
    }
  }
  return removed;
}

void MemoryCache::Clear() {
  for (auto& shard : shards_) {
    std::lock_guard lock(shard->mu);
    shard->index.clear();
    shard->lru.clear();
    shard->bytes = 0;
  }
}

MemoryCache::Stats MemoryCache::GetStats() const {
  Stats stats;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mu);
    stats.entries += shard->lru.size();
    stats.bytes += shard->bytes;
    stats.evictions += shard->evictions;
  }
  return stats;
}

}  // namespace echotune::cache
