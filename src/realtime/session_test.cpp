#include "realtime/session.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <thread>

namespace echotune::realtime {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

Session::Heartbeat Beat() { return {.ping_interval = 25s, .ping_timeout = 20s, .connect_timeout = 45s}; }

std::vector<std::string> Drain(Session& s) {
  asio::io_context io;
  std::vector<std::string> out;
  asio::co_spawn(io, s.WaitForPackets(0ms), [&](std::exception_ptr, std::optional<std::vector<std::string>> got) {
    if (got) out = *got;
  });
  io.run();
  return out;
}

TEST(SessionHeartbeat, PingsEveryIntervalAndClosesWithoutPong) {
  auto t0 = Clock::now();
  Session s("sid", "127.0.0.1", Transport::kWebSocket, t0, {});
  s.SetUser("u", "t");
  EXPECT_EQ(s.Tick(t0 + 24s, Beat()), "");
  EXPECT_TRUE(Drain(s).empty());
  EXPECT_EQ(s.Tick(t0 + 25s, Beat()), "");
  EXPECT_EQ(Drain(s), std::vector<std::string>{"2"});
  EXPECT_EQ(s.Tick(t0 + 44s, Beat()), "");  // pong still in time
  s.OnPong();
  EXPECT_EQ(s.Tick(t0 + 49s, Beat()), "");  // next ping at 25 + 25
  EXPECT_TRUE(Drain(s).empty());
  EXPECT_EQ(s.Tick(t0 + 50s, Beat()), "");
  EXPECT_EQ(Drain(s), std::vector<std::string>{"2"});
  EXPECT_EQ(s.Tick(t0 + 69s, Beat()), "");
  EXPECT_EQ(s.Tick(t0 + 70s, Beat()), "ping timeout");
}

TEST(SessionHeartbeat, ClosesASessionThatNeverConnects) {
  auto t0 = Clock::now();
  Session s("sid", "127.0.0.1", Transport::kPolling, t0, {});
  s.OnPong();
  EXPECT_EQ(s.Tick(t0 + 44s, Beat()), "");
  s.OnPong();
  EXPECT_EQ(s.Tick(t0 + 45s, Beat()), "connect timeout");
}

TEST(SessionOutbox, RefusesPacketsBeyondItsBoundsAndAfterClose) {
  Session s("sid", "ip", Transport::kWebSocket, Clock::now(), {.max_packets = 2, .max_bytes = 100});
  EXPECT_TRUE(s.Push("4a"));
  EXPECT_TRUE(s.Push("4b"));
  EXPECT_FALSE(s.Push("4c"));  // a slow consumer: the caller drops it
  EXPECT_EQ(Drain(s), (std::vector<std::string>{"4a", "4b"}));
  EXPECT_FALSE(s.Push(std::string(101, 'x')));
  EXPECT_TRUE(s.Close("x"));
  EXPECT_FALSE(s.Close("y"));
  EXPECT_EQ(s.close_reason(), "x");
  EXPECT_FALSE(s.Push("4d"));
}

TEST(SessionOutbox, AWaiterWakesWhenAnotherThreadPushes) {
  auto s = std::make_shared<Session>("sid", "ip", Transport::kWebSocket, Clock::now(), Session::Limits{});
  asio::io_context io;
  std::optional<std::vector<std::string>> got;
  asio::co_spawn(io, s->WaitForPackets(10s),
                 [&](std::exception_ptr, std::optional<std::vector<std::string>> r) { got = std::move(r); });
  std::thread pusher([s] {
    std::this_thread::sleep_for(50ms);
    s->Push("4hello");
  });
  auto start = Clock::now();
  io.run();
  pusher.join();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, std::vector<std::string>{"4hello"});
  EXPECT_LT(Clock::now() - start, 5s);
}

TEST(SessionOutbox, ASecondWaiterIsRefusedAndCloseEndsTheFirst) {
  auto s = std::make_shared<Session>("sid", "ip", Transport::kPolling, Clock::now(), Session::Limits{});
  asio::io_context io;
  std::optional<std::vector<std::string>> first, second{std::vector<std::string>{"sentinel"}};
  asio::co_spawn(io, s->WaitForPackets(10s),
                 [&](std::exception_ptr, std::optional<std::vector<std::string>> r) { first = std::move(r); });
  asio::co_spawn(io, s->WaitForPackets(10s), [&](std::exception_ptr, std::optional<std::vector<std::string>> r) {
    second = std::move(r);
    s->Close("transport error");
  });
  io.run();
  EXPECT_FALSE(second.has_value());  // overlapping poll
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(first->empty());
  EXPECT_TRUE(s->closed());
}

}  // namespace
}  // namespace echotune::realtime
