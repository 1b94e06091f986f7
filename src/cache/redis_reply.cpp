#include "cache/redis_reply.h"

#include <hiredis/hiredis.h>

namespace echotune::cache {
namespace {

RedisReply::Type TypeOf(int type) {
  switch (type) {
    case REDIS_REPLY_STRING: return RedisReply::Type::kString;
    case REDIS_REPLY_ARRAY: return RedisReply::Type::kArray;
    case REDIS_REPLY_INTEGER: return RedisReply::Type::kInteger;
    case REDIS_REPLY_STATUS: return RedisReply::Type::kStatus;
    case REDIS_REPLY_ERROR: return RedisReply::Type::kError;
    default: return RedisReply::Type::kNil;
  }
}

// hiredis' own createArray, set once from the first reader limited.
void* (*default_create_array)(const redisReadTask*, int) = nullptr;

void* CreateLimitedArray(const redisReadTask* task, int elements) {
  if (elements < 0 || elements > kMaxReplyElements) return nullptr;
  return default_create_array(task, elements);
}

const redisReplyObjectFunctions* LimitedFunctions(const redisReplyObjectFunctions& defaults) {
  static const redisReplyObjectFunctions limited = [&] {
    redisReplyObjectFunctions f = defaults;
    default_create_array = defaults.createArray;
    f.createArray = CreateLimitedArray;
    return f;
  }();
  return &limited;
}

}  // namespace

void LimitReplyArrays(redisReader& reader) {
  if (reader.fn != nullptr) reader.fn = const_cast<redisReplyObjectFunctions*>(LimitedFunctions(*reader.fn));
}

RedisReply RedisReply::From(const redisReply& reply) {
  RedisReply out;
  out.type = TypeOf(reply.type);
  out.integer = reply.integer;
  if (reply.str != nullptr) out.str.assign(reply.str, reply.len);
  out.elements.reserve(reply.elements);
  for (size_t i = 0; i < reply.elements; ++i) {
    if (reply.element[i] != nullptr) out.elements.push_back(From(*reply.element[i]));
  }
  return out;
}

}  // namespace echotune::cache
