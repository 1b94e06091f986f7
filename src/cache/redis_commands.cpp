#include "cache/redis_commands.h"

#include <algorithm>

namespace echotune::cache {
namespace asio = boost::asio;

namespace {

asio::awaitable<RedisGetResult> GetLike(RedisConnection& redis, const char* command,
                                        std::string key) {
  std::vector<std::string> args{command, std::move(key)};
  std::optional<RedisReply> reply = co_await redis.Execute(std::move(args));
  RedisGetResult result;
  if (!reply) co_return result;
  result.ok = reply->type == RedisReply::Type::kString || reply->type == RedisReply::Type::kNil;
  if (reply->type == RedisReply::Type::kString) result.value = std::move(reply->str);
  co_return result;
}

}  // namespace

asio::awaitable<RedisGetResult> RedisGet(RedisConnection& redis, std::string key) {
  return GetLike(redis, "GET", std::move(key));
}

asio::awaitable<RedisGetResult> RedisGetDel(RedisConnection& redis, std::string key) {
  return GetLike(redis, "GETDEL", std::move(key));
}

asio::awaitable<bool> RedisSetEx(RedisConnection& redis, std::string key, std::string value,
                                 std::chrono::seconds ttl) {
  std::vector<std::string> args{"SET", std::move(key), std::move(value), "EX",
                                std::to_string(ttl.count())};
  std::optional<RedisReply> reply = co_await redis.Execute(std::move(args));
  co_return reply && reply->IsOk();
}

asio::awaitable<bool> RedisUnlink(RedisConnection& redis, std::vector<std::string> keys) {
  for (size_t begin = 0; begin < keys.size(); begin += kRedisBatch) {
    const size_t end = std::min(keys.size(), begin + kRedisBatch);
    std::vector<std::string> args{"UNLINK"};
    args.insert(args.end(), std::make_move_iterator(keys.begin() + begin),
                std::make_move_iterator(keys.begin() + end));
    std::optional<RedisReply> reply = co_await redis.Execute(std::move(args));
    if (!reply || reply->type != RedisReply::Type::kInteger) co_return false;
  }
  co_return true;
}

asio::awaitable<bool> RedisDeletePrefix(RedisConnection& redis, std::string prefix) {
  const std::string pattern = GlobEscape(prefix) + "*";
  std::string cursor = "0";
  do {
    std::vector<std::string> args{"SCAN", cursor, "MATCH", pattern, "COUNT",
                                  std::to_string(kRedisBatch)};
    std::optional<RedisReply> reply = co_await redis.Execute(std::move(args));
    if (!reply || reply->type != RedisReply::Type::kArray || reply->elements.size() != 2) {
      co_return false;
    }
    cursor = std::move(reply->elements[0].str);
    std::vector<std::string> keys;
    for (auto& element : reply->elements[1].elements) keys.push_back(std::move(element.str));
    if (!co_await RedisUnlink(redis, std::move(keys))) co_return false;
  } while (cursor != "0");
  co_return true;
}

std::string GlobEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace echotune::cache
