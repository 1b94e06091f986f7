// RedisReply: an owned copy of a hiredis reply, safe to hand across threads.
#pragma once

#include <string>
#include <vector>

struct redisReply;
struct redisReader;

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

// The most elements one reply array may declare. hiredis allocates the
// declared count up front, so a broken or hostile server's "*2000000000"
// would cost gigabytes and seconds; EchoTune's largest replies (SCAN pages,
// pub/sub messages) have a handful.
inline constexpr int kMaxReplyElements = 1 << 20;

// Makes `reader` refuse (an out-of-memory error: the connection is dropped)
// a reply array declaring more than kMaxReplyElements or a negative count.
// REQUIRES: `reader` uses hiredis' default reply objects. Thread-safe.
void LimitReplyArrays(redisReader& reader);

}  // namespace echotune::cache
