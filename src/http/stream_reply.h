// Streamed replies (server-sent events and the like). A handler returns a
// Reply whose `stream` producer is set; the server sends the head with
// Transfer-Encoding: chunked (no Content-Length), then runs the producer on
// the connection's io thread, sending each Write as one chunk as it comes.
// Meanwhile the server watches the socket: a client that goes away sets
// closed() at once (so the producer can stop an outside call), and any Write
// after that returns false. The connection closes after a streamed reply
// (Connection: close); bytes a client sends meanwhile are discarded.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <string_view>

namespace echotune::http {

class StreamWriter {
 public:
  virtual ~StreamWriter() = default;
  // Sends `bytes` as one chunk now. False when the client has gone (stop then).
  virtual boost::asio::awaitable<bool> Write(std::string_view bytes) = 0;
  // Becomes true when the client disconnects; readable from any thread.
  virtual std::shared_ptr<std::atomic<bool>> closed() const = 0;
};

// Runs on the connection's io thread; must not block (await the worker pool).
using StreamProducer = std::function<boost::asio::awaitable<void>(StreamWriter&)>;

}  // namespace echotune::http
