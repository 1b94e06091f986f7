// Bytes as a Redis server sends them (RESP) through hiredis's reply reader,
// limited as RedisConnection limits its async context's reader
// (cache::LimitReplyArrays), and every reply it yields through
// cache::RedisReply::From, the deep copy the cache layer works on.
#include <hiredis/hiredis.h>
#include <hiredis/read.h>

#include "cache/redis_reply.h"
#include "fuzz/fuzz_util.h"

using namespace echotune;

namespace {

size_t Count(const cache::RedisReply& r) {
  size_t n = 1 + r.str.size();
  for (const auto& e : r.elements) n += Count(e);
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  redisReader* reader = redisReaderCreate();
  cache::LimitReplyArrays(*reader);
  // Fed in two pieces, as bytes arrive from a socket.
  size_t half = size / 2;
  redisReaderFeed(reader, reinterpret_cast<const char*>(data), half);
  bool fed_rest = false;
  for (;;) {
    void* reply = nullptr;
    if (redisReaderGetReply(reader, &reply) != REDIS_OK) break;
    if (reply == nullptr) {
      if (fed_rest) break;
      redisReaderFeed(reader, reinterpret_cast<const char*>(data) + half, size - half);
      fed_rest = true;
      continue;
    }
    cache::RedisReply copy = cache::RedisReply::From(*static_cast<redisReply*>(reply));
    (void)Count(copy);
    (void)copy.IsOk();
    freeReplyObject(reply);
  }
  redisReaderFree(reader);
  return 0;
}
