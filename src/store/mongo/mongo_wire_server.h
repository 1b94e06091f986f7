// Test support (header only; included by *_test.cpp): runs
// ../shared/tools/mongo-wire/mongomock_wire.py, a MongoDB wire-protocol server
// over mongomock, on a free loopback port, and stops it again. The script is
// found through $ECHOTUNE_MONGO_WIRE, else $ECHOTUNE_SOURCE_DIR/../shared/..., else
// relative to this header. Talks to 127.0.0.1 only.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace echotune::store::mongo::testing {

inline std::filesystem::path MongoWireScript() {
  if (const char* p = std::getenv("ECHOTUNE_MONGO_WIRE")) return p;
  const char* rel = "../shared/tools/mongo-wire/mongomock_wire.py";
  if (const char* src = std::getenv("ECHOTUNE_SOURCE_DIR")) return std::filesystem::path(src) / rel;
  // This header is <root>/src/store/mongo/mongo_wire_server.h.
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path() / rel;
}

class MongoWireServer {
 public:
  // Starts the server (standalone, or a one-node replica set "rs0" with
  // emulated transactions) and waits up to 20 s for it to listen.
  static core::Result<std::unique_ptr<MongoWireServer>> Start(bool replica_set) {
    auto script = MongoWireScript();
    if (!std::filesystem::exists(script)) return core::Error::Internal("mongo-wire not found at " + script.string());
    std::vector<std::string> args = {"/usr/bin/python3", script.string(), "--host", "127.0.0.1", "--port", "0"};
    if (replica_set) args.insert(args.end(), {"--replset", "rs0"});
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return core::Error::Internal("pipe failed");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = fork();
    if (pid < 0) return core::Error::Internal("fork failed");
    if (pid == 0) {  // child: only async-signal-safe calls until exec
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      dup2(fds[1], STDOUT_FILENO);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(fds[1]);
    std::unique_ptr<MongoWireServer> server(new MongoWireServer(pid, fds[0]));
    auto port = server->ReadPort();
    if (!port) return std::move(port).error();
    // socketTimeoutMS: mongomock is slow under a loaded sanitizer run; the
    // service's own 10 s default is tested through address() (faults_test).
    std::string base = "mongodb://127.0.0.1:" + std::to_string(*port) +
                       "/?serverSelectionTimeoutMS=10000&socketTimeoutMS=60000&";
    server->uri_ = base + (replica_set ? "replicaSet=rs0" : "directConnection=true");
    return server;
  }

  ~MongoWireServer() {
    kill(pid_, SIGCONT);
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 50 && waitpid(pid_, &status, WNOHANG) == 0; ++i) usleep(20000);
    if (waitpid(pid_, &status, WNOHANG) == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
    close(out_fd_);
  }
  MongoWireServer(const MongoWireServer&) = delete;
  MongoWireServer& operator=(const MongoWireServer&) = delete;

  // e.g. "mongodb://127.0.0.1:40123/?serverSelectionTimeoutMS=10000&socketTimeoutMS=60000&directConnection=true"
  const std::string& uri() const { return uri_; }
  // "mongodb://127.0.0.1:<port>/": the bare address, for tests of the service's own timeouts.
  std::string address() const { return uri_.substr(0, uri_.find('?')); }

  // SIGSTOP / SIGCONT: a MongoDB that stops answering but keeps its sockets open.
  void Pause() { kill(pid_, SIGSTOP); }
  void Resume() { kill(pid_, SIGCONT); }

 private:
  MongoWireServer(pid_t pid, int out_fd) : pid_(pid), out_fd_(out_fd) {}

  // The banner ends "listening on 127.0.0.1:<port>[ replset=rs0]".
  core::Result<int> ReadPort() {
    std::string banner;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (banner.find('\n') == std::string::npos) {
      pollfd p{out_fd_, POLLIN, 0};
      if (std::chrono::steady_clock::now() > deadline || poll(&p, 1, 200) < 0) break;
      char buf[256];
      ssize_t n = (p.revents & (POLLIN | POLLHUP)) ? read(out_fd_, buf, sizeof buf) : 0;
      if ((p.revents & POLLHUP) && n <= 0) break;
      if (n > 0) banner.append(buf, static_cast<size_t>(n));
    }
    auto at = banner.find("listening on 127.0.0.1:");
    if (at == std::string::npos) return core::Error::Internal("mongo-wire did not start: " + banner);
    return std::atoi(banner.c_str() + at + std::string("listening on 127.0.0.1:").size());
  }

  pid_t pid_;
  int out_fd_;
  std::string uri_;
};

// One server of each kind per test process, started on first use, stopped at
// exit. Returns the error that kept it from starting, every time it is asked.
inline core::Result<std::string> SharedMongoWireUri(bool replica_set) {
  static core::Result<std::unique_ptr<MongoWireServer>> servers[2] = {
      core::Error::Internal("not started"), core::Error::Internal("not started")};
  static bool started[2] = {false, false};
  int i = replica_set ? 1 : 0;
  if (!started[i]) {
    started[i] = true;
    servers[i] = MongoWireServer::Start(replica_set);
  }
  if (!servers[i]) return servers[i].error();
  return (*servers[i])->uri();
}

}  // namespace echotune::store::mongo::testing
