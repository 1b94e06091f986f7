#include "http/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "http/envelope.h"
#include "http/request_id.h"
#include "http/stream_sender.h"

namespace echotune::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);

core::Error ProtocolError(const beast::error_code& ec) {
  if (ec == beast_http::error::body_limit) {
    return core::Error{core::ErrorCode::kPayloadTooLarge, "Request body exceeds 1 MiB", {}};
  }
  if (ec == beast_http::error::header_limit) {
    return core::Error::Validation("headers", "Request headers are too large");
  }
  return core::Error::Validation("request", "Malformed HTTP request: " + ec.message());
}

bool IsDisconnect(const beast::error_code& ec) {
  return ec == beast_http::error::end_of_stream || ec == asio::error::eof ||
         ec == beast::error::timeout || ec == asio::error::operation_aborted ||
         ec == asio::error::connection_reset || ec == beast_http::error::partial_message;
}

}  // namespace

// What Shutdown needs to reach a connection: its stream (null once the
// session ended) and whether it is between requests. Touched only on the
// connection's own io_context thread, except `idle`.
struct Server::Connection {
  beast::tcp_stream* stream = nullptr;
  asio::any_io_executor executor;
  std::atomic<bool> idle{true};
};

Server::Server(const core::Config& config, Pipeline& pipeline)
    : config_(config), pipeline_(pipeline) {
  for (int i = 0; i < std::max(1, config.threads); ++i) {
    contexts_.push_back(std::make_unique<asio::io_context>(1));
  }
}

Server::~Server() { Shutdown(0ms); }

core::Status Server::Start() {
  beast::error_code ec;
  auto address = asio::ip::make_address(config_.host, ec);
  if (ec) return core::Error::Validation("HOST", "HOST is not an IP address: " + config_.host);
  uint16_t port = config_.port;
  for (auto& io : contexts_) {
    auto acceptor = std::make_unique<tcp::acceptor>(*io);
    tcp::endpoint endpoint(address, port);
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) {
      int one = 1;
      ::setsockopt(acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
      acceptor->bind(endpoint, ec);
    }
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return core::Error{core::ErrorCode::kUnavailable,
                         "cannot listen on " + config_.host + ":" + std::to_string(port) + ": " +
                             ec.message(),
                         {}};
    }
    port = acceptor->local_endpoint().port();
    acceptors_.push_back(std::move(acceptor));
  }
  port_ = port;
  for (size_t i = 0; i < contexts_.size(); ++i) {
    asio::co_spawn(*contexts_[i], Accept(*acceptors_[i]), asio::detached);
    threads_.emplace_back([io = contexts_[i].get()] {
      auto guard = asio::make_work_guard(*io);
      io->run();
    });
  }
  return core::Ok();
}

asio::awaitable<void> Server::Accept(tcp::acceptor& acceptor) {
  while (!stopping_) {
    auto [ec, socket] = co_await acceptor.async_accept(kAsTuple);
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) co_return;
      // EMFILE and friends: back off briefly rather than spin.
      asio::steady_timer t(acceptor.get_executor(), 10ms);
      co_await t.async_wait(kAsTuple);
      continue;
    }
    if (connections_.load() >= static_cast<size_t>(config_.max_connections)) {
      asio::co_spawn(acceptor.get_executor(), Reject(std::move(socket)), asio::detached);
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    asio::co_spawn(acceptor.get_executor(), Serve(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> Server::Reject(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  stream.expires_after(2s);
  core::Error e{core::ErrorCode::kUnavailable, "Too many open connections", {}};
  auto res = ErrorResponse(e, NewRequestId(), 11, false);
  co_await beast_http::async_write(stream, res, kAsTuple);
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
}

asio::awaitable<void> Server::Serve(tcp::socket socket) {
  connections_++;
  beast::error_code ec;
  std::string peer = socket.remote_endpoint(ec).address().to_string();
  beast::tcp_stream stream(std::move(socket));
  auto conn = std::make_shared<Connection>();
  conn->stream = &stream;
  conn->executor = stream.get_executor();
  {
    std::lock_guard lock(connections_mu_);
    live_.insert(conn);
  }
  beast::flat_buffer buffer;
  const auto idle_timeout = std::chrono::seconds(config_.idle_timeout_s);
  const auto read_timeout = std::chrono::seconds(config_.read_timeout_s);
  while (!stopping_) {
    conn->idle = true;
    if (buffer.size() == 0) {
      // Between requests: the idle timeout applies until the first byte.
      stream.expires_after(idle_timeout);
      auto [rec, n] = co_await stream.async_read_some(buffer.prepare(8192), kAsTuple);
      if (rec) break;
      buffer.commit(n);
    }
    conn->idle = false;
    // The whole request must arrive within the read timeout: a trickling
    // client is cut off however steadily it sends.
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(static_cast<uint32_t>(config_.max_header_bytes));
    parser.body_limit(config_.max_body_bytes);
    stream.expires_after(read_timeout);
    auto [rec, n] = co_await beast_http::async_read(stream, buffer, parser, kAsTuple);
    if (rec) {
      if (!IsDisconnect(rec) || rec == beast_http::error::partial_message) {
        if (rec != beast::error::timeout && rec != beast_http::error::partial_message) {
          auto res = ErrorResponse(ProtocolError(rec), NewRequestId(), 11, false);
          co_await beast_http::async_write(stream, res, kAsTuple);
          // Let the client read the answer before the connection goes.
          stream.socket().shutdown(tcp::socket::shutdown_send, ec);
          stream.expires_after(1s);
          char sink[4096];
          for (;;) {
            auto [dec, m] = co_await stream.async_read_some(asio::buffer(sink), kAsTuple);
            if (dec) break;
          }
        }
      }
      break;
    }
    stream.expires_never();
    if (hook_ && hook_->Wants(parser.get())) {
      if (!co_await hook_->Serve(stream, buffer, parser.get(), peer) || stopping_) break;
      continue;
    }
    RawResponse res = co_await pipeline_.Handle(parser.get(), peer);
    if (stopping_) res.keep_alive(false);
    if (res.body().stream()) {  // a streamed reply ends the connection
      co_await SendStreamed(stream, res);
      break;
    }
    stream.expires_after(read_timeout);
    auto [wec, w] = co_await beast_http::async_write(stream, res, kAsTuple);
    if (wec || !res.keep_alive()) break;
  }
  conn->stream = nullptr;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.close();
  {
    std::lock_guard lock(connections_mu_);
    live_.erase(conn);
  }
  connections_--;
}

void Server::CloseIdleConnections() {
  std::lock_guard lock(connections_mu_);
  for (const auto& conn : live_) {
    asio::post(conn->executor, [conn] {
      if (conn->stream && conn->idle) conn->stream->cancel();
    });
  }
}

void Server::Shutdown(std::chrono::milliseconds grace) {
  if (stopped_.exchange(true)) return;
  stopping_ = true;
  for (size_t i = 0; i < acceptors_.size(); ++i) {
    asio::post(*contexts_[i], [a = acceptors_[i].get()] {
      beast::error_code ec;
      a->close(ec);
    });
  }
  CloseIdleConnections();
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (connections_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
    CloseIdleConnections();
  }
  if (connections_.load() > 0) {
    spdlog::warn("shutdown: {} connection(s) still open after the grace period",
                 connections_.load());
  }
  for (auto& io : contexts_) io->stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

void Server::RunUntilSignal() {
  asio::io_context signals_io;
  asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  signals.async_wait([](const beast::error_code&, int sig) {
    spdlog::info("received signal {}, shutting down", sig);
  });
  signals_io.run();
  Shutdown(std::chrono::seconds(config_.shutdown_grace_s));
}

}  // namespace echotune::http
