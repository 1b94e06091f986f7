#include "api/cluster_refresh_counter.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

namespace echotune::api {

namespace {
constexpr const char* kCounterTtlSeconds = "86400";
}

struct ClusterRefreshCounter::Shared {
  const int per_refresh;
  const Refresh refresh;
  std::mutex mu;  // guards local
  std::unordered_map<std::string, int> local;  // while Redis is unreachable

  void CountLocally(const std::string& user_id) {
    bool due = false;
    {
      std::lock_guard lock(mu);
      int& n = local[user_id];
      if (++n >= per_refresh) {
        local.erase(user_id);
        due = true;
      }
    }
    if (due) refresh(user_id);
  }
};

ClusterRefreshCounter::ClusterRefreshCounter(std::shared_ptr<cache::RedisConnection> redis, boost::asio::io_context& io,
                                             int per_refresh, Refresh refresh)
    : redis_(std::move(redis)), io_(io), shared_(std::make_shared<Shared>(per_refresh, std::move(refresh))) {}

std::string ClusterRefreshCounter::Key(const std::string& user_id) { return "echotune:refresh:listens:" + user_id; }

void ClusterRefreshCounter::Count(const std::string& user_id) {
  if (!redis_ || redis_->state() != cache::RedisConnection::State::kConnected) {
    return shared_->CountLocally(user_id);
  }
  auto count = [redis = redis_, shared = shared_, user_id]() -> boost::asio::awaitable<void> {
    std::vector<std::string> incr{"INCR", Key(user_id)};
    auto n = co_await redis->Execute(std::move(incr));
    if (!n || n->type != cache::RedisReply::Type::kInteger) co_return shared->CountLocally(user_id);
    if (n->integer % shared->per_refresh == 0) shared->refresh(user_id);
    std::vector<std::string> expire{"EXPIRE", Key(user_id), kCounterTtlSeconds};
    (void)co_await redis->Execute(std::move(expire));
  };
  boost::asio::co_spawn(io_, std::move(count), boost::asio::detached);
}

}  // namespace echotune::api
