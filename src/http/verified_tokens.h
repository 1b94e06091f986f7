// VerifiedTokens: a bounded memo of the bearer tokens JwtCodec has verified,
// so that a client sending the same token on every request pays for the HMAC
// and the JSON parsing of its claims once. Only successful verifications are
// remembered, keyed by the exact token text (a token differing in any byte is
// a miss and is verified in full). A remembered token is refused again once
// its exp has passed, by the injected clock. Revocation (logout) is not its
// business: that is checked on every request, after verification.
//
// Thread-safe: the entries are spread over shards, each guarded by its own
// mutex. Memory is bounded: a shard that reaches capacity / shards entries is
// emptied (rare; the next requests verify and remember again).
#pragma once

#include <array>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "http/request.h"

namespace echotune::http {

class VerifiedTokens final {
 public:
  static constexpr size_t kDefaultCapacity = 16384;

  // `clock` must outlive the memo. REQUIRES: capacity >= kShards.
  explicit VerifiedTokens(const core::Clock& clock, size_t capacity = kDefaultCapacity);
  VerifiedTokens(const VerifiedTokens&) = delete;
  VerifiedTokens& operator=(const VerifiedTokens&) = delete;

  // The claims remembered for exactly `token`, or nullopt when unknown or expired.
  std::optional<AuthContext> Find(std::string_view token) const;
  // REQUIRES: `auth` is the result of a successful verification of `token`.
  void Remember(std::string_view token, const AuthContext& auth);

  size_t size() const;

 private:
  static constexpr size_t kShards = 16;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<std::string, AuthContext, Hash, std::equal_to<>> entries;  // guarded by mu
  };

  Shard& ShardFor(std::string_view token) const;
  long long NowSeconds() const;

  const core::Clock& clock_;
  const size_t shard_capacity_;
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace echotune::http
