#include "http/verified_tokens.h"

#include "core/time_format.h"

namespace echotune::http {

VerifiedTokens::VerifiedTokens(const core::Clock& clock, size_t capacity)
    : clock_(clock), shard_capacity_(std::max<size_t>(1, capacity / kShards)) {}

VerifiedTokens::Shard& VerifiedTokens::ShardFor(std::string_view token) const {
  return shards_[Hash{}(token) % kShards];
}

long long VerifiedTokens::NowSeconds() const { return core::ToUnixMillis(clock_.Now()) / 1000; }

std::optional<AuthContext> VerifiedTokens::Find(std::string_view token) const {
  const long long now = NowSeconds();
  Shard& shard = ShardFor(token);
  std::lock_guard lock(shard.mu);
  auto it = shard.entries.find(token);
  if (it == shard.entries.end()) return std::nullopt;
  if (it->second.expires_at_s <= now) {
    shard.entries.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void VerifiedTokens::Remember(std::string_view token, const AuthContext& auth) {
  Shard& shard = ShardFor(token);
  std::lock_guard lock(shard.mu);
  if (shard.entries.size() >= shard_capacity_) shard.entries.clear();
  shard.entries.insert_or_assign(std::string(token), auth);
}

size_t VerifiedTokens::size() const {
  size_t n = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mu);
    n += shard.entries.size();
  }
  return n;
}

}  // namespace echotune::http
