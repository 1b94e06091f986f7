#include "cache/redis_publisher.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

namespace echotune::cache {

RedisPublisher::RedisPublisher(std::shared_ptr<RedisConnection> redis, boost::asio::io_context& io,
                               size_t max_in_flight)
    : redis_(std::move(redis)), io_(io), max_in_flight_(max_in_flight), counters_(std::make_shared<Counters>()) {}

bool RedisPublisher::connected() const {
  return redis_ && redis_->state() == RedisConnection::State::kConnected;
}

bool RedisPublisher::Publish(std::string channel, std::string payload) {
  auto drop = [this] {
    counters_->dropped.fetch_add(1, std::memory_order_relaxed);
    return false;
  };
  if (!connected()) return drop();
  if (counters_->in_flight.fetch_add(1, std::memory_order_acq_rel) >= max_in_flight_) {
    counters_->in_flight.fetch_sub(1, std::memory_order_acq_rel);
    return drop();
  }
  auto publish = [redis = redis_, counters = counters_, channel = std::move(channel),
                  payload = std::move(payload)]() mutable -> boost::asio::awaitable<void> {
    std::vector<std::string> args{"PUBLISH", std::move(channel), std::move(payload)};
    auto reply = co_await redis->Execute(std::move(args));
    counters->in_flight.fetch_sub(1, std::memory_order_acq_rel);
    auto& outcome = reply && !reply->IsError() ? counters->published : counters->dropped;
    outcome.fetch_add(1, std::memory_order_relaxed);
  };
  boost::asio::co_spawn(io_, std::move(publish), boost::asio::detached);
  return true;
}

}  // namespace echotune::cache
