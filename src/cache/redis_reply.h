// RedisReply: an owned copy of a hiredis reply, safe to hand across threads.
#pragma once

#include <string>
#include <vector>

struct redisReply;

namespace echotune::cache {

struct RedisReply {
  enum class Type { kString, kArray, kInteger, kNil, kStatus, kError };

  Type type = Type::kNil;
  std::string str;        // kString, kStatus, kError
  long long integer = 0;  // kInteger
  std::vector<RedisReply> elements;  // kArray

  // Deep copy of a reply hiredis owns (and frees after its callback returns).
  static RedisReply From(const redisReply& reply);

  bool IsError() const { return type == Type::kError; }
  // A +OK status reply.
  bool IsOk() const { return type == Type::kStatus && str == "OK"; }
};

}  // namespace echotune::cache
