// A small blocking HTTP client for the end-to-end tests (loopback only).
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace echotune::e2e {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

struct HttpReply {
  unsigned status = 0;
  bhttp::fields headers;
  std::string body;
  boost::json::value Json() const { return boost::json::parse(body); }
  std::string Header(std::string_view name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : std::string(it->value());
  }
};

// One connection; requests on it use keep-alive.
class HttpConnection {
 public:
  explicit HttpConnection(uint16_t port) : stream_(io_) {
    stream_.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  }

  HttpReply Send(bhttp::verb method, const std::string& target, const std::string& body = "",
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    for (auto& [k, v] : headers) req.set(k, v);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
    }
    req.prepare_payload();
    bhttp::write(stream_, req);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    bhttp::read(stream_, buffer_, parser);
    auto res = parser.release();
    return HttpReply{res.result_int(), res.base(), res.body()};
  }

  // Writes raw bytes and reads until the server closes (or `timeout`).
  std::string Raw(const std::string& bytes, std::chrono::milliseconds timeout) {
    if (!bytes.empty()) boost::asio::write(stream_.socket(), boost::asio::buffer(bytes));
    stream_.expires_after(timeout);
    std::string out;
    char buf[4096];
    for (;;) {
      beast::error_code ec;
      size_t n = stream_.read_some(boost::asio::buffer(buf), ec);
      out.append(buf, n);
      if (ec) break;
    }
    return out;
  }

  // True when the server has closed the connection (read returns EOF/reset).
  bool ClosedByPeer(std::chrono::milliseconds wait) {
    stream_.expires_after(wait);
    char c;
    beast::error_code ec;
    stream_.read_some(boost::asio::buffer(&c, 1), ec);
    return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
  }

 private:
  boost::asio::io_context io_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

inline HttpReply Fetch(uint16_t port, bhttp::verb method, const std::string& target,
                       const std::string& body = "",
                       std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpConnection c(port);
  return c.Send(method, target, body, std::move(headers));
}

}  // namespace echotune::e2e
