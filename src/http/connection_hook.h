// ConnectionHook: lets another layer answer some requests on the raw
// connection instead of the pipeline — the Socket.IO endpoint (/socket.io/),
// whose long-polling requests wait for events and whose WebSocket upgrade
// keeps the connection. http::Server asks Wants() of every request and, when
// it says yes, hands the connection to Serve().
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <string>

#include "http/request.h"

namespace echotune::http {

class ConnectionHook {
 public:
  virtual ~ConnectionHook() = default;
  // Thread-safe; cheap (called for every request).
  virtual bool Wants(const RawRequest& req) const = 0;
  // Answers `req` on `stream` (its timeouts are off; `buffer` holds bytes read
  // past the request). Returns true when the HTTP connection may carry another
  // request, false when it must close (or was taken over and is done).
  // REQUIRES: `req`, `stream`, `buffer` and `peer_ip` live until it completes.
  virtual boost::asio::awaitable<bool> Serve(boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer,
                                             RawRequest& req, const std::string& peer_ip) = 0;
};

}  // namespace echotune::http
