// Server: Boost.Beast HTTP/1.1 over C++20 coroutines, one io_context (and
// one SO_REUSEPORT acceptor) per thread, keep-alive, limits and timeouts of
// issue 2, graceful shutdown.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/config.h"
#include "core/result.h"
#include "http/connection_hook.h"
#include "http/pipeline.h"

namespace echotune::http {

class Server final {
 public:
  // The pipeline must outlive the server.
  Server(const core::Config& config, Pipeline& pipeline);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds HOST:PORT (PORT 0 = ephemeral) and starts config.threads threads.
  // Error when the address cannot be bound.
  core::Status Start();
  uint16_t port() const { return port_; }
  // An io_context of the server, for components that need an event loop (Redis).
  boost::asio::io_context& context(size_t i = 0) { return *contexts_[i % contexts_.size()]; }
  size_t context_count() const { return contexts_.size(); }

  // Stops accepting, closes idle connections, lets in-flight requests finish
  // (their responses carry Connection: close) for up to `grace`, then stops
  // every thread. Idempotent; thread-safe.
  void Shutdown(std::chrono::milliseconds grace);
  // Blocks until SIGINT or SIGTERM, then Shutdown(config.shutdown_grace_s).
  void RunUntilSignal();

  size_t open_connections() const { return connections_.load(); }

  // Requests the hook wants (Socket.IO) bypass the pipeline and go to it.
  // REQUIRES: called before Start; `hook` outlives the server.
  void SetConnectionHook(ConnectionHook* hook) { hook_ = hook; }

 private:
  struct Connection;
  boost::asio::awaitable<void> Accept(boost::asio::ip::tcp::acceptor& acceptor);
  boost::asio::awaitable<void> Serve(boost::asio::ip::tcp::socket socket);
  boost::asio::awaitable<void> Reject(boost::asio::ip::tcp::socket socket);
  void CloseIdleConnections();

  const core::Config& config_;
  Pipeline& pipeline_;
  ConnectionHook* hook_ = nullptr;
  uint16_t port_ = 0;
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<std::unique_ptr<boost::asio::ip::tcp::acceptor>> acceptors_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> stopped_{false};
  std::atomic<size_t> connections_{0};
  std::mutex connections_mu_;
  std::unordered_set<std::shared_ptr<Connection>> live_;  // guarded by connections_mu_
};

}  // namespace echotune::http
