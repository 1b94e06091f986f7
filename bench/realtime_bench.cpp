// Socket.IO load (issue 13): a C++ client opens N WebSocket clients to a
// child `echotune serve` (the binary beside this one), each authenticating
// as its own user (so each socket is alone in its per-user room), then asks
// the server to send one event to every user's room, and prints:
//   connect+auth rate, server RSS with N clients, event delivery p50/p99/max
//   (from the trigger request being sent to each client reading the event).
// Usage: realtime_bench [clients=10000] [in-flight connects=256]
// Bars (issue 13): 10,000 clients, RSS < 500 MB, p99 < 200 ms, >= 2,000 connects/s.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "http/jwt_codec.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr char kSecret[] = "realtime-bench-secret";

struct Client {
  websocket::stream<asio::ip::tcp::socket> ws;
  bool connected = false;
  Clock::time_point got_event{};
  explicit Client(asio::io_context& io) : ws(io) {}
};

struct Run {
  uint16_t port = 0;
  std::vector<std::unique_ptr<Client>> clients;
  std::vector<std::string> tokens;
  int in_flight = 0, next = 0, done = 0, failed = 0, events = 0;
  int max_in_flight = 256;
  Clock::time_point trigger_sent{};
};

pid_t StartServer(const std::filesystem::path& dir, uint16_t port) {
  std::string binary = (std::filesystem::read_symlink("/proc/self/exe").parent_path() / "echotune").string();
  pid_t pid = ::fork();
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, STDOUT_FILENO);
    ::dup2(devnull, STDERR_FILENO);
    ::setenv("PORT", std::to_string(port).c_str(), 1);
    ::setenv("HOST", "127.0.0.1", 1);
    ::setenv("ECHOTUNE_DB_PATH", (dir / "bench.db").c_str(), 1);
    ::setenv("JWT_SECRET", kSecret, 1);
    ::setenv("ECHOTUNE_TEST_ROUTES", "1", 1);
    ::setenv("ECHOTUNE_MAX_CONNECTIONS", "19000", 1);
    ::setenv("REALTIME_MAX_SESSIONS_PER_IP", "100000", 1);
    ::setenv("RATE_LIMIT_GLOBAL", "100000000", 1);
    ::setenv("LOG_LEVEL", "warn", 1);
    ::execl(binary.c_str(), binary.c_str(), "serve", nullptr);
    ::_exit(127);
  }
  return pid;
}

long RssMb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6)) / 1024;
  }
  return -1;
}

asio::awaitable<void> ConnectOne(Run& run, int i) {
  Client& c = *run.clients[i];
  auto [ec] = co_await c.ws.next_layer().async_connect({asio::ip::make_address("127.0.0.1"), run.port}, kTuple);
  if (!ec) std::tie(ec) = co_await c.ws.async_handshake("127.0.0.1", "/socket.io/?EIO=4&transport=websocket", kTuple);
  beast::flat_buffer buf;
  if (!ec) std::tie(ec, std::ignore) = co_await c.ws.async_read(buf, kTuple);  // open packet
  if (!ec) {
    std::string connect = "40{\"token\":\"" + run.tokens[i] + "\"}";
    std::tie(ec, std::ignore) = co_await c.ws.async_write(asio::buffer(connect), kTuple);
  }
  buf.consume(buf.size());
  if (!ec) std::tie(ec, std::ignore) = co_await c.ws.async_read(buf, kTuple);
  c.connected = !ec && beast::buffers_to_string(buf.data()).starts_with("40{");
  if (!c.connected) ++run.failed;
  ++run.done;
  --run.in_flight;
}

// Keeps max_in_flight handshakes going until every client has tried.
asio::awaitable<void> ConnectAll(Run& run) {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer t(ex);
  while (run.next < static_cast<int>(run.clients.size())) {
    while (run.in_flight < run.max_in_flight && run.next < static_cast<int>(run.clients.size())) {
      ++run.in_flight;
      asio::co_spawn(ex, ConnectOne(run, run.next++), asio::detached);
    }
    t.expires_after(1ms);
    co_await t.async_wait(kTuple);
  }
  while (run.done < static_cast<int>(run.clients.size())) {
    t.expires_after(1ms);
    co_await t.async_wait(kTuple);
  }
}

// Reads until the bench event arrives (answering pings meanwhile).
asio::awaitable<void> AwaitEvent(Run& run, Client& c) {
  beast::flat_buffer buf;
  for (;;) {
    buf.consume(buf.size());
    auto [ec, n] = co_await c.ws.async_read(buf, kTuple);
    if (ec) co_return;
    std::string text = beast::buffers_to_string(buf.data());
    if (text == "2") {
      co_await c.ws.async_write(asio::buffer(std::string("3")), kTuple);
    } else if (text.starts_with("42[\"bench\"")) {
      c.got_event = Clock::now();
      ++run.events;
      co_return;
    }
  }
}

// POST /api/_test/realtime/each-user {"event":"bench"} over a plain socket.
asio::awaitable<void> Trigger(Run& run) {
  auto ex = co_await asio::this_coro::executor;
  asio::ip::tcp::socket s(ex);
  co_await s.async_connect({asio::ip::make_address("127.0.0.1"), run.port}, kTuple);
  std::string body = R"({"event":"bench"})";
  std::string req = "POST /api/_test/realtime/each-user HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  run.trigger_sent = Clock::now();
  co_await asio::async_write(s, asio::buffer(req), kTuple);
  char sink[4096];
  for (;;) {
    auto [ec, n] = co_await s.async_read_some(asio::buffer(sink), kTuple);
    if (ec) break;
  }
}

bool WaitForServer(uint16_t port) {
  for (int i = 0; i < 200; ++i) {
    asio::io_context io;
    asio::ip::tcp::socket s(io);
    boost::system::error_code ec;
    s.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
    if (!ec) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 10000;
  Run run;
  if (argc > 2) run.max_in_flight = std::atoi(argv[2]);
  run.port = static_cast<uint16_t>(20000 + ::getpid() % 20000);
  auto dir = std::filesystem::temp_directory_path() / ("echotune-rtbench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  pid_t server = StartServer(dir, run.port);
  if (!WaitForServer(run.port)) {
    std::fprintf(stderr, "realtime_bench: the server did not start\n");
    return 1;
  }
  long rss_idle = RssMb(server);
  echotune::http::JwtCodec jwt(kSecret, 3600, echotune::core::SystemClock::Instance());
  asio::io_context io(1);
  for (int i = 0; i < n; ++i) {
    char user[32];
    std::snprintf(user, sizeof user, "%024x", 0x5000000 + i);
    run.tokens.push_back(jwt.Issue(user, "bench"));
    run.clients.push_back(std::make_unique<Client>(io));
  }
  auto t0 = Clock::now();
  asio::co_spawn(io, ConnectAll(run), asio::detached);
  io.run();
  double connect_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::this_thread::sleep_for(500ms);
  long rss_loaded = RssMb(server);

  io.restart();
  for (auto& c : run.clients) {
    if (c->connected) asio::co_spawn(io, AwaitEvent(run, *c), asio::detached);
  }
  asio::co_spawn(io, Trigger(run), asio::detached);
  asio::steady_timer deadline(io, 30s);
  deadline.async_wait([&](auto) { io.stop(); });
  std::thread stopper([&] {
    while (!io.stopped() && run.events < n - run.failed) std::this_thread::sleep_for(10ms);
    io.stop();
  });
  io.run();
  stopper.join();

  std::vector<double> ms;
  for (auto& c : run.clients) {
    if (c->got_event != Clock::time_point{}) {
      ms.push_back(std::chrono::duration<double, std::milli>(c->got_event - run.trigger_sent).count());
    }
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) { return ms.empty() ? -1.0 : ms[std::min(ms.size() - 1, size_t(p * ms.size()))]; };
  std::printf("realtime_bench: %d WebSocket clients (%d connects in flight), one user each\n", n, run.max_in_flight);
  std::printf("  connect+auth: %d ok, %d failed in %.2f s = %.0f/s   (bar >= 2000/s)\n", n - run.failed, run.failed,
              connect_s, (n - run.failed) / connect_s);
  std::printf("  server RSS: %ld MB idle, %ld MB with the clients connected   (bar < 500 MB)\n", rss_idle, rss_loaded);
  std::printf("  one event to each user's room: %zu/%d delivered; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms   "
              "(bar p99 < 200 ms)\n",
              ms.size(), n - run.failed, pct(0.50), pct(0.99), ms.empty() ? -1.0 : ms.back());
  std::fflush(stdout);
  run.clients.clear();  // the streams go before their io_context
  ::kill(server, SIGTERM);
  ::waitpid(server, nullptr, 0);
  std::filesystem::remove_all(dir);
  return 0;
}
