#include "cache/redis_reply.h"

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <optional>
#include <string>
#include <string_view>

namespace echotune::cache {
namespace {

// Feeds `bytes` to a limited reader; the first reply, or nullopt on a reader error.
std::optional<RedisReply> ReadOne(std::string_view bytes) {
  redisReader* reader = redisReaderCreate();
  LimitReplyArrays(*reader);
  redisReaderFeed(reader, bytes.data(), bytes.size());
  void* reply = nullptr;
  std::optional<RedisReply> out;
  if (redisReaderGetReply(reader, &reply) == REDIS_OK && reply != nullptr) {
    out = RedisReply::From(*static_cast<redisReply*>(reply));
    freeReplyObject(reply);
  }
  redisReaderFree(reader);
  return out;
}

TEST(RedisReply, CopiesNestedArraysFromALimitedReader) {
  auto r = ReadOne("*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n*2\r\n:42\r\n+OK\r\n");
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->type, RedisReply::Type::kArray);
  ASSERT_EQ(r->elements.size(), 3u);
  EXPECT_EQ(r->elements[0].str, "message");
  EXPECT_EQ(r->elements[2].elements[0].integer, 42);
  EXPECT_TRUE(r->elements[2].elements[1].IsOk());
}

// Found by fuzz/redis_reply_fuzz.cpp: hiredis allocated (and then freed
// element by element) the 155,555,555 slots the header declared, which took
// over a gigabyte and seconds per reply.
TEST(RedisReply, ReaderRefusesAnArrayDeclaringMoreThanTheLimit) {
  EXPECT_FALSE(ReadOne("*155555555\r\n*1\r\n*1\r\n*2\r\n+\n").has_value());
  EXPECT_FALSE(ReadOne("*" + std::to_string(kMaxReplyElements + 1) + "\r\n").has_value());
  EXPECT_FALSE(ReadOne("*-2\r\n").has_value());
  auto nil = ReadOne("*-1\r\n");
  ASSERT_TRUE(nil.has_value());
  EXPECT_EQ(nil->type, RedisReply::Type::kNil);
}

}  // namespace
}  // namespace echotune::cache
