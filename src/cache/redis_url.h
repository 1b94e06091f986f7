// RedisUrl: the parts of REDIS_URL the client needs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace echotune::cache {

struct RedisUrl {
  std::string host;
  uint16_t port = 6379;
  std::string user;      // empty = no ACL user (AUTH <password>)
  std::string password;  // empty = no AUTH; a secret: never log it
  int db = 0;            // SELECT <db> when non-zero
};

// Parses redis://[[user]:password@]host[:port][/db]. Percent-escapes in user
// and password are decoded; an IPv6 host is written in brackets. Returns a
// VALIDATION_ERROR naming REDIS_URL (without echoing the URL) when the scheme
// is not redis://, the host is missing, or the port or db is not a number.
core::Result<RedisUrl> ParseRedisUrl(std::string_view url);

}  // namespace echotune::cache
