#include "api/cluster_now_playing_lease.h"

#include <algorithm>
#include <vector>

namespace echotune::api {

namespace {

// KEYS[1] lease key, ARGV[1] origin, ARGV[2] ttl ms → 1 held by us, 0 not.
constexpr const char* kHoldScript =
    "local v = redis.call('GET', KEYS[1]) "
    "if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end "
    "if v then return 0 end "
    "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1";

// KEYS[1] lease key, ARGV[1] origin → 1 released, 0 not ours.
constexpr const char* kReleaseScript =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

}  // namespace

ClusterNowPlayingLease::ClusterNowPlayingLease(std::shared_ptr<cache::RedisConnection> redis, std::string origin)
    : redis_(std::move(redis)), origin_(std::move(origin)) {}

std::string ClusterNowPlayingLease::Key(const std::string& user_id) {
  return "echotune:nowplaying:poller:" + user_id;
}

boost::asio::awaitable<bool> ClusterNowPlayingLease::Hold(std::string user_id, std::chrono::milliseconds ttl) {
  if (!redis_ || redis_->state() != cache::RedisConnection::State::kConnected) co_return true;
  std::vector<std::string> args{"EVAL", kHoldScript, "1", Key(user_id), origin_,
                                std::to_string(std::max<long long>(1, ttl.count()))};
  auto reply = co_await redis_->Execute(std::move(args));
  if (!reply || reply->type != cache::RedisReply::Type::kInteger) co_return true;  // unreachable: poll here
  co_return reply->integer == 1;
}

boost::asio::awaitable<void> ClusterNowPlayingLease::Release(std::string user_id) {
  if (!redis_ || redis_->state() != cache::RedisConnection::State::kConnected) co_return;
  std::vector<std::string> args{"EVAL", kReleaseScript, "1", Key(user_id), origin_};
  (void)co_await redis_->Execute(std::move(args));
}

}  // namespace echotune::api
