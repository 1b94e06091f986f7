// SendStreamed: the server's half of a streamed reply (stream_reply.h) —
// the chunked head, the producer's chunks, the last chunk, and a watch on
// the socket for a disconnect meanwhile. Used by Server::Serve only.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "http/request.h"

namespace echotune::http {

// REQUIRES: res.body().stream() set. Returns when the producer is done or the
// client has gone; the caller then closes the connection.
boost::asio::awaitable<void> SendStreamed(boost::beast::tcp_stream& stream, RawResponse& res);

}  // namespace echotune::http
