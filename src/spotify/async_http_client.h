// AsyncHttpClient: every outbound Spotify call (accounts service and Web API)
// without blocking a thread. libcurl's multi interface is driven by an
// io_context of the client's own (socket readiness through asio
// stream_descriptors, curl's timer through an asio steady_timer), so while
// Spotify is slow no io thread and no worker thread waits: the calling
// coroutine is suspended and resumed on its own executor with the answer.
// Connections are kept alive and reused per host (the multi handle's
// connection cache); TLS is libcurl's.
//
// Thread-safety: Send may be called from any thread, concurrently.
// Destruction completes calls still in flight with UNAVAILABLE ("shutting
// down") and joins the client's thread.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string_view>

#include "core/result.h"
#include "spotify/curl_client.h"

namespace echotune::spotify {

// A streamed call (SendStreaming): the body of a 2xx answer is handed to
// `on_chunk` piece by piece as it arrives, on the client's own thread (keep
// it quick, never block); returning false aborts the transfer. Other answers
// are collected into HttpResponse::body as usual.
struct StreamOptions {
  std::function<bool(std::string_view chunk)> on_chunk;
  // Set (from any thread) to abort the call; checked every 50 ms.
  std::shared_ptr<std::atomic<bool>> cancel;
  std::chrono::milliseconds first_byte_timeout{20000};  // until the first body byte
  std::chrono::milliseconds timeout{60000};             // the whole call
};

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds timeout{15000};  // the whole call
};

class AsyncHttpClient final {
 public:
  explicit AsyncHttpClient(HttpClientOptions options = {});
  ~AsyncHttpClient();
  AsyncHttpClient(const AsyncHttpClient&) = delete;
  AsyncHttpClient& operator=(const AsyncHttpClient&) = delete;

  // The response for any HTTP status; UNAVAILABLE (details.url) when no
  // answer came: refused, timed out, bad URL, shutting down. Methods: GET,
  // POST, PUT, DELETE (a body is sent for all but GET; PUT/POST without a
  // body send Content-Length: 0 as Spotify requires).
  // (By reference: a prvalue passed by value to a coroutine is miscompiled by
  // g++ 12; the request is copied before the first suspension.)
  boost::asio::awaitable<core::Result<HttpResponse>> Send(const HttpRequest& request);

  // Like Send, but the body of a 2xx answer goes to options.on_chunk as it
  // arrives (HttpResponse::body stays empty then). UNAVAILABLE with
  // details.reason "cancelled" (options.cancel set or on_chunk returned
  // false), "first_byte_timeout" or "timeout", besides Send's failures.
  boost::asio::awaitable<core::Result<HttpResponse>> SendStreaming(const HttpRequest& request,
                                                                   const StreamOptions& options);

  // Transfers currently in flight (for tests and the health view).
  int in_flight() const;

 private:
  class Engine;
  std::unique_ptr<Engine> engine_;
};

}  // namespace echotune::spotify
