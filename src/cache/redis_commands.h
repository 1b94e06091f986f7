// The few Redis commands the cache uses, over a RedisConnection. Each returns
// whether Redis answered as expected; false means "treat as a failure" (no
// connection, timeout, or an error reply). Never throws.
// REQUIRES: `redis` outlives the returned awaitable.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cache/redis_connection.h"

namespace echotune::cache {

struct RedisGetResult {
  bool ok = false;                   // Redis answered
  std::optional<std::string> value;  // nullopt when the key is absent
};

// GET key.
boost::asio::awaitable<RedisGetResult> RedisGet(RedisConnection& redis, std::string key);

// GETDEL key (Redis >= 6.2): the value and the deletion in one atomic step.
// An error reply (e.g. an older server) is ok = false.
boost::asio::awaitable<RedisGetResult> RedisGetDel(RedisConnection& redis, std::string key);

// SET key value EX ttl. REQUIRES: ttl > 0.
boost::asio::awaitable<bool> RedisSetEx(RedisConnection& redis, std::string key,
                                        std::string value, std::chrono::seconds ttl);

// UNLINK keys... (in batches). An empty list succeeds without a round trip.
boost::asio::awaitable<bool> RedisUnlink(RedisConnection& redis, std::vector<std::string> keys);

// SCAN 0 MATCH <prefix>* COUNT n, UNLINK each batch, until the cursor returns
// to 0. Never KEYS: the server stays responsive however many keys there are.
boost::asio::awaitable<bool> RedisDeletePrefix(RedisConnection& redis, std::string prefix);

// `text` with the glob metacharacters * ? [ ] \ escaped for MATCH.
std::string GlobEscape(std::string_view text);

// Keys per SCAN step and per UNLINK command.
inline constexpr size_t kRedisBatch = 500;

}  // namespace echotune::cache
