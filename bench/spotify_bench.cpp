// Issue 11's benchmark: nothing blocks while Spotify is slow.
//  1. A fake Spotify (own process) answering after 200 ms; 1,000 concurrent
//     GET /api/spotify/playback through `echotune serve` (in process) must all
//     complete in < 1.5 s wall, while GET /api/health, measured in the same
//     run on its own connection, keeps p99 < 20 ms.
//  2. The client's own CPU per call against an instant fake (own process):
//     AsyncHttpClient::Send + the coroutine around it, from getrusage over
//     many calls; target <= 100 µs.
// The rate limits are raised through the environment (RATE_LIMIT_SPOTIFY,
// RATE_LIMIT_GLOBAL) as any deployment would. Prints the figures and
// "TARGET MISSED" when one is missed (exit 0: `make bench` goes on).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_future.hpp>
#include <cstdio>
#include <filesystem>
#include <map>

#include "app/service.h"
#include "spotify/async_http_client.h"
#include "tests/e2e/fake_spotify.h"

namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using Clock = std::chrono::steady_clock;
using echotune::e2e::FakeSpotify;

// A FakeSpotify in a child process (forked before this process starts any
// thread); the child exits when the parent closes the pipe.
struct FakeProcess {
  pid_t pid = -1;
  int to_child = -1;
  std::string url;

  explicit FakeProcess(int delay_ms) {
    int up[2], down[2];
    if (pipe(up) != 0 || pipe(down) != 0) std::abort();
    pid = fork();
    if (pid == 0) {
      close(up[0]);
      close(down[1]);
      {
        // Spotify is another machine in production: the fake yields the CPU
        // to the service under test (nice 10), as the load clients do.
        if (setpriority(PRIO_PROCESS, 0, 10) != 0) std::perror("setpriority");
        FakeSpotify fake(1);
        fake.SetDelay(std::chrono::milliseconds(delay_ms));
        std::string u = fake.url();
        if (write(up[1], u.data(), u.size()) < 0) _exit(1);
        close(up[1]);
        char c;
        while (read(down[0], &c, 1) > 0) {
        }
      }
      _exit(0);
    }
    close(up[1]);
    close(down[0]);
    to_child = down[1];
    char buf[128];
    ssize_t n = read(up[0], buf, sizeof buf);
    close(up[0]);
    url.assign(buf, n > 0 ? static_cast<size_t>(n) : 0);
  }
  ~FakeProcess() {
    close(to_child);
    waitpid(pid, nullptr, 0);
  }
};

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto s = [](timeval t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return s(u.ru_utime) + s(u.ru_stime);
}

// One GET on a fresh connection; returns the status (0 on failure).
asio::awaitable<unsigned> Get(uint16_t port, std::string target, std::string token) {
  try {
    boost::beast::tcp_stream stream(co_await asio::this_coro::executor);
    co_await stream.async_connect(
        asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), asio::use_awaitable);
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
    co_await bhttp::async_write(stream, req, asio::use_awaitable);
    boost::beast::flat_buffer buf;
    bhttp::response<bhttp::string_body> res;
    co_await bhttp::async_read(stream, buf, res, asio::use_awaitable);
    co_return res.result_int();
  } catch (const std::exception&) {
    co_return 0u;
  }
}

// GET /api/health on one keep-alive connection every 5 ms until `done`.
asio::awaitable<void> ProbeHealth(uint16_t port, std::atomic<bool>& done, std::vector<double>& ms,
                                  std::vector<std::pair<double, double>>& slowest,
                                  Clock::time_point t0) {
  boost::beast::tcp_stream stream(co_await asio::this_coro::executor);
  co_await stream.async_connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                                asio::use_awaitable);
  boost::beast::flat_buffer buf;
  asio::steady_timer pause(co_await asio::this_coro::executor);
  while (!done) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/api/health", 11};
    req.set(bhttp::field::host, "127.0.0.1");
    auto start = Clock::now();
    co_await bhttp::async_write(stream, req, asio::use_awaitable);
    bhttp::response<bhttp::string_body> res;
    co_await bhttp::async_read(stream, buf, res, asio::use_awaitable);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    slowest.emplace_back(ms.back(), std::chrono::duration<double, std::milli>(start - t0).count());
    pause.expires_after(std::chrono::milliseconds(5));
    co_await pause.async_wait(asio::use_awaitable);
  }
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

bool ConcurrentPlayback(const std::string& fake_url) {
  constexpr int kCalls = 1000;
  auto dir = std::filesystem::temp_directory_path() /
             ("echotune-spotify-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::map<std::string, std::string> env = {{"PORT", "0"},
                                            {"HOST", "127.0.0.1"},
                                            {"JWT_SECRET", "bench-secret"},
                                            {"ECHOTUNE_DB_PATH", (dir / "echotune.db").string()},
                                            {"ECHOTUNE_TOKEN_KEY", std::string(64, 'a')},
                                            {"SPOTIFY_ACCOUNTS_URL", fake_url},
                                            {"SPOTIFY_API_URL", fake_url},
                                            {"SPOTIFY_CLIENT_ID", "bench"},
                                            {"SPOTIFY_SYNC_INTERVAL_S", "0"},
                                            {"RATE_LIMIT_SPOTIFY", "1000000"},
                                            {"RATE_LIMIT_GLOBAL", "1000000"},
                                            {"LOG_LEVEL", "warn"}};
  auto config = echotune::core::Config::FromEnvironment([&](const char* n) -> const char* {
    auto it = env.find(n);
    return it == env.end() ? nullptr : it->second.c_str();
  });
  auto service = echotune::app::Service::Create(std::move(config).value());
  if (!service.ok() || !(*service)->Start().ok()) {
    std::fprintf(stderr, "service did not start\n");
    return false;
  }
  auto& svc = **service;
  echotune::model::User u;
  u.spotify_id = "bench-user";
  u.display_name = "Bench";
  u.access_token = FakeSpotify::kAccess1;
  u.refresh_token = FakeSpotify::kRefresh1;
  u.token_expires_at = std::chrono::system_clock::now() + std::chrono::hours(1);
  auto stored = svc.store().users().UpsertBySpotifyId(u).value();
  std::string token = svc.jwt().Issue(stored.id.ToHex(), "bench-user");

  asio::io_context io;
  // Warm-up: the token is loaded, a connection to the fake exists.
  const std::string playback = "/api/spotify/playback";
  auto w = asio::co_spawn(io, Get(svc.port(), playback, token), asio::use_future);
  io.run();
  io.restart();
  if (w.get() != 200) {
    std::fprintf(stderr, "warm-up call failed\n");
    return false;
  }

  std::atomic<bool> done{false};
  std::vector<double> health_ms;
  std::vector<std::pair<double, double>> slowest;  // (latency ms, sent at ms after start)
  std::atomic<int> ok{0}, finished{0};
  Clock::time_point last_end;
  auto start = Clock::now();
  // The probe has an io_context and thread of its own, so what it measures is
  // the server, not its turn among the 1,000 callers' completions.
  asio::io_context probe_io;
  asio::co_spawn(probe_io, ProbeHealth(svc.port(), done, health_ms, slowest, start),
                 asio::detached);
  std::thread prober([&] { probe_io.run(); });
  for (int i = 0; i < kCalls; ++i) {
    asio::co_spawn(io, Get(svc.port(), playback, token), [&](std::exception_ptr, unsigned status) {
      ok += status == 200;
      if (++finished == kCalls) {
        last_end = Clock::now();
        done = true;
      }
    });
  }
  // The 1,000 callers are other machines in production; here they share the
  // two cores with the service, so their threads run at nice 10 (the probe
  // and the service keep the default priority).
  auto as_remote_client = [&io] {
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
    io.run();
  };
  std::thread first(as_remote_client);
  std::thread second(as_remote_client);
  first.join();
  second.join();
  prober.join();
  double wall = std::chrono::duration<double>(last_end - start).count();
  double p50 = Percentile(health_ms, 0.50), p99 = Percentile(health_ms, 0.99);
  std::printf("spotify playback: %d concurrent calls, fake answers after 200 ms\n", kCalls);
  std::printf("  completed 200: %d / %d, wall %.3f s (target < 1.5 s)\n", ok.load(), kCalls, wall);
  std::printf(
      "  GET /api/health during the run: %zu samples, p50 %.2f ms, p99 %.2f ms (target < 20 ms)\n",
      health_ms.size(), p50, p99);
  std::sort(slowest.rbegin(), slowest.rend());
  for (size_t i = 0; i < std::min<size_t>(3, slowest.size()); ++i) {
    std::printf("  slowest health #%zu: %.2f ms, sent %.0f ms into the run\n", i + 1,
                slowest[i].first, slowest[i].second);
  }
  svc.Shutdown();
  service->reset();
  std::filesystem::remove_all(dir);
  return ok == kCalls && wall < 1.5 && p99 < 20.0;
}

asio::awaitable<void> Calls(echotune::spotify::AsyncHttpClient& http, std::string url, int n,
                            int& ok) {
  for (int i = 0; i < n; ++i) {
    echotune::spotify::HttpRequest req{
        .method = "GET",
        .url = url,
        .headers = {{"Authorization", std::string("Bearer ") + FakeSpotify::kAccess1}}};
    auto r = co_await http.Send(req);
    ok += r.ok() && r->status == 200;
  }
}

bool ClientOverhead(const std::string& fake_url) {
  constexpr int kParallel = 8, kPerCoroutine = 1000;
  echotune::spotify::AsyncHttpClient http;
  asio::io_context io;
  int ok = 0;
  std::string url = fake_url + "/v1/me/player/devices";
  asio::co_spawn(io, Calls(http, url, 20, ok), asio::detached);  // warm-up: connections open
  io.run();
  io.restart();
  ok = 0;
  double cpu0 = CpuSeconds();
  auto t0 = Clock::now();
  for (int i = 0; i < kParallel; ++i)
    asio::co_spawn(io, Calls(http, url, kPerCoroutine, ok), asio::detached);
  io.run();
  double cpu = CpuSeconds() - cpu0;
  double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  int calls = kParallel * kPerCoroutine;
  double us = cpu / calls * 1e6;
  std::printf("spotify client overhead: %d calls (%d at a time) against an instant fake\n", calls,
              kParallel);
  std::printf("  ok %d, %.0f calls/s, CPU of this process %.1f µs per call (target <= 100 µs)\n",
              ok, calls / wall, us);
  return ok == calls && us <= 100.0;
}

}  // namespace

int main() {
  FakeProcess slow(200);
  FakeProcess instant(0);
  bool a = ConcurrentPlayback(slow.url);
  bool b = ClientOverhead(instant.url);
  std::printf("spotify bench: %s\n", a && b ? "all targets met" : "TARGET MISSED");
  return 0;  // figures are the output; a miss must not stop the other benchmarks of `make bench`
}
