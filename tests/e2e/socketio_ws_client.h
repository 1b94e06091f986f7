// A minimal Socket.IO client over a raw WebSocket (Engine.IO 4, namespace
// "/"), for tests that count events exactly: connects with auth {token},
// answers pings, and queues every EVENT packet from a reader thread.
#pragma once

#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>
#include <utility>

namespace echotune::e2e {

class SocketIoWs {
 public:
  struct Event {
    std::string name;
    boost::json::value data;  // the first argument (null when none)
  };

  // Throws std::runtime_error when the connection or the CONNECT fails.
  // `emit` events (no arguments) are sent right after the CONNECT, before the
  // reader starts (the stream is then written by the reader thread only).
  SocketIoWs(uint16_t port, const std::string& token, const std::vector<std::string>& emit = {}) {
    namespace asio = boost::asio;
    ws_.next_layer().connect({asio::ip::make_address("127.0.0.1"), port});
    ws_.handshake("127.0.0.1", "/socket.io/?EIO=4&transport=websocket");
    if (Read().front() != '0') throw std::runtime_error("no Engine.IO open packet");
    ws_.write(asio::buffer("40{\"token\":\"" + token + "\"}"));
    std::string connected = Read();
    if (!connected.starts_with("40")) throw std::runtime_error("CONNECT refused: " + connected);
    for (const auto& event : emit) ws_.write(asio::buffer("42[\"" + event + "\"]"));
    reader_ = std::thread([this] { ReadLoop(); });
  }
  ~SocketIoWs() {
    ::shutdown(ws_.next_layer().native_handle(), SHUT_RDWR);  // ends the reader's blocking read
    if (reader_.joinable()) reader_.join();
  }
  SocketIoWs(const SocketIoWs&) = delete;
  SocketIoWs& operator=(const SocketIoWs&) = delete;

  // The next event named `name` within `timeout` (others are dropped), or nullopt.
  std::optional<Event> Next(const std::string& name, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(mu_);
    while (true) {
      while (!events_.empty()) {
        Event e = std::move(events_.front());
        events_.pop_front();
        if (e.name == name) return e;
      }
      if (closed_ || cv_.wait_until(lock, deadline) == std::cv_status::timeout) {
        if (events_.empty()) return std::nullopt;
      }
    }
  }
  // How many events named `name` arrive within `window`.
  int Count(const std::string& name, std::chrono::milliseconds window) {
    int n = 0;
    auto deadline = std::chrono::steady_clock::now() + window;
    while (true) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || !Next(name, left)) return n;
      ++n;
    }
  }

 private:
  std::string Read() {
    boost::beast::flat_buffer buf;
    ws_.read(buf);
    return boost::beast::buffers_to_string(buf.data());
  }

  void ReadLoop() {
    try {
      while (true) {
        std::string packet = Read();
        if (packet == "2") {
          ws_.write(boost::asio::buffer(std::string("3")));
        } else if (packet.starts_with("42")) {
          auto args = boost::json::parse(packet.substr(2)).as_array();
          Event e{std::string(args.at(0).as_string()), args.size() > 1 ? args[1] : boost::json::value()};
          std::lock_guard lock(mu_);
          events_.push_back(std::move(e));
          cv_.notify_all();
        }
      }
    } catch (const std::exception&) {
    }
    std::lock_guard lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }

  boost::asio::io_context io_;
  boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_{io_};
  std::thread reader_;
  std::mutex mu_;  // guards events_, closed_
  std::condition_variable cv_;
  std::deque<Event> events_;
  bool closed_ = false;
};

}  // namespace echotune::e2e
