// RedisPublisher: fire-and-forget PUBLISH over the shared RedisConnection,
// bounded. Nothing is queued while Redis is down (the message is dropped and
// counted: pub/sub keeps nothing for later either), and at most
// `max_in_flight` publishes wait for an answer at once; beyond that they are
// dropped and counted too, so a slow Redis never costs unbounded memory.
//
// Thread-safety: Publish may be called from any thread; it never blocks.
// REQUIRES: `io` (where the publishes run) outlives the publisher or is
// stopped before it is destroyed; publishes still in flight keep what they
// use alive themselves.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "cache/redis_connection.h"

namespace echotune::cache {

class RedisPublisher final {
 public:
  // `redis` null: every publish is dropped.
  RedisPublisher(std::shared_ptr<RedisConnection> redis, boost::asio::io_context& io, size_t max_in_flight = 10'000);
  RedisPublisher(const RedisPublisher&) = delete;
  RedisPublisher& operator=(const RedisPublisher&) = delete;

  // Sends PUBLISH channel payload in the background. False when dropped at
  // once (Redis not connected, or too many in flight).
  bool Publish(std::string channel, std::string payload);

  // Redis is connected right now.
  bool connected() const;

  struct Stats {
    uint64_t published = 0;  // answered by Redis
    uint64_t dropped = 0;    // Redis down, too many in flight, or no answer
  };
  Stats stats() const { return {counters_->published.load(), counters_->dropped.load()}; }

 private:
  struct Counters {
    std::atomic<uint64_t> published{0}, dropped{0};
    std::atomic<size_t> in_flight{0};
  };

  const std::shared_ptr<RedisConnection> redis_;
  boost::asio::io_context& io_;
  const size_t max_in_flight_;
  const std::shared_ptr<Counters> counters_;  // shared with the publishes in flight
};

}  // namespace echotune::cache
