// RedisTestServer: a throwaway redis-server on a free loopback port, for tests
// and benchmarks (header only; not part of the library). Nothing is
// persisted. Stop() is a SIGKILL — a crash, as a test of losing Redis needs.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cache/redis_reply.h"

namespace echotune::cache::testing {

// A synchronous hiredis connection, for looking at Redis from outside the cache.
class SyncRedis {
 public:
  SyncRedis(uint16_t port, const std::string& password) {
    timeval tv{1, 0};
    context_.reset(redisConnectWithTimeout("127.0.0.1", port, tv));
    if (ok() && !password.empty()) Command({"AUTH", password});
  }
  bool ok() const { return context_ && context_->err == 0; }

  // The reply, or nullopt on an I/O error.
  std::optional<RedisReply> Command(const std::vector<std::string>& args) {
    if (!ok()) return std::nullopt;
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (const auto& a : args) {
      argv.push_back(a.data());
      lengths.push_back(a.size());
    }
    void* raw = redisCommandArgv(context_.get(), static_cast<int>(argv.size()), argv.data(),
                                 lengths.data());
    if (raw == nullptr) return std::nullopt;
    std::unique_ptr<redisReply, decltype(&freeReplyObject)> reply(static_cast<redisReply*>(raw),
                                                                  &freeReplyObject);
    return RedisReply::From(*reply);
  }

  long long Ttl(const std::string& key) {
    auto r = Command({"TTL", key});
    return r ? r->integer : -100;
  }
  std::optional<std::string> Get(const std::string& key) {
    auto r = Command({"GET", key});
    if (!r || r->type != RedisReply::Type::kString) return std::nullopt;
    return r->str;
  }

 private:
  struct Free {
    void operator()(redisContext* c) const { redisFree(c); }
  };
  std::unique_ptr<redisContext, Free> context_;
};

class RedisTestServer {
 public:
  explicit RedisTestServer(std::string password = "")
      : port_(FreePort()), password_(std::move(password)) {}
  ~RedisTestServer() { Stop(); }
  RedisTestServer(const RedisTestServer&) = delete;
  RedisTestServer& operator=(const RedisTestServer&) = delete;

  static bool Installed() {
    return std::filesystem::exists("/usr/bin/redis-server") ||
           std::filesystem::exists("/usr/local/bin/redis-server");
  }

  // Starts (or restarts, on the same port) and waits until it answers PING.
  bool Start() {
    if (pid_ > 0) return true;
    pid_ = ::fork();
    if (pid_ == 0) Exec();
    if (pid_ < 0) return false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {  // exited: could not bind, or no binary
        pid_ = -1;
        return false;
      }
      SyncRedis probe(port_, password_);
      if (auto pong = probe.Command({"PING"}); pong && pong->str == "PONG") return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    Stop();
    return false;
  }

  // SIGKILL, then reaps the process. Idempotent.
  void Stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  // SIGSTOP / SIGCONT: a hung server that keeps its sockets open.
  void Pause() { if (pid_ > 0) ::kill(pid_, SIGSTOP); }
  void Resume() { if (pid_ > 0) ::kill(pid_, SIGCONT); }

  bool running() const { return pid_ > 0; }
  uint16_t port() const { return port_; }
  std::string Url(int db = 0) const {
    std::string url = "redis://";
    if (!password_.empty()) url += ":" + password_ + "@";
    url += "127.0.0.1:" + std::to_string(port_);
    if (db != 0) url += "/" + std::to_string(db);
    return url;
  }
  SyncRedis Client() const { return SyncRedis(port_, password_); }

  // A loopback port nothing listens on right now, chosen below the kernel's
  // ephemeral range (32768-60999 by default). Two reasons: a client that keeps
  // reconnecting to a port nobody listens on can be handed that same port as
  // its source port and connect to itself (TCP simultaneous open), which then
  // keeps redis-server from binding it; and parallel tests that bind port 0
  // draw from the ephemeral range, so they cannot take it either.
  static uint16_t FreePort() {
    static std::atomic<uint32_t> salt{static_cast<uint32_t>(::getpid()) * 2654435761u};
    for (int attempt = 0; attempt < 200; ++attempt) {
      const uint32_t mix = salt.fetch_add(7919) ^ static_cast<uint32_t>(
          std::chrono::steady_clock::now().time_since_epoch().count());
      const auto port = static_cast<uint16_t>(20000 + mix % 12000);
      if (CanBind(port)) return port;
    }
    return 0;
  }

 private:
  static bool CanBind(uint16_t port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    ::close(fd);
    return ok;
  }

  [[noreturn]] void Exec() {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, STDOUT_FILENO);
    ::dup2(devnull, STDERR_FILENO);
    std::vector<std::string> args = {"redis-server", "--port", std::to_string(port_), "--bind",
                                     "127.0.0.1", "--save", "", "--appendonly", "no",
                                     "--dir", "/tmp", "--daemonize", "no"};
    if (!password_.empty()) {
      args.push_back("--requirepass");
      args.push_back(password_);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp("redis-server", argv.data());
    ::_exit(127);
  }

  const uint16_t port_;
  const std::string password_;
  pid_t pid_ = -1;
};

}  // namespace echotune::cache::testing
