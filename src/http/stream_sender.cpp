#include "http/stream_sender.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>

namespace echotune::http {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);

// Shared by the writer and the socket watch; touched on the connection's
// (single) io thread only, except `closed`.
struct WatchState {
  explicit WatchState(const asio::any_io_executor& ex) : wake(ex) {}
  std::shared_ptr<std::atomic<bool>> closed = std::make_shared<std::atomic<bool>>(false);
  bool watching = true;
  asio::steady_timer wake;  // cancelled when the watch ends
};

class ChunkWriter final : public StreamWriter {
 public:
  ChunkWriter(beast::tcp_stream& stream, std::shared_ptr<WatchState> state)
      : stream_(stream), state_(std::move(state)) {}

  asio::awaitable<bool> Write(std::string_view bytes) override {
    if (state_->closed->load()) co_return false;
    if (bytes.empty()) co_return true;  // an empty chunk would end the body
    auto [ec, n] = co_await asio::async_write(stream_.socket(),
                                              beast_http::make_chunk(asio::const_buffer(bytes.data(), bytes.size())),
                                              kAsTuple);
    if (ec) state_->closed->store(true);
    co_return !ec;
  }
  std::shared_ptr<std::atomic<bool>> closed() const override { return state_->closed; }

 private:
  beast::tcp_stream& stream_;
  std::shared_ptr<WatchState> state_;
};

// Reads (and drops) whatever the client sends until the connection ends.
asio::awaitable<void> Watch(asio::ip::tcp::socket& socket, std::shared_ptr<WatchState> state) {
  char sink[512];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(sink), kAsTuple);
    if (ec) break;
  }
  state->closed->store(true);
  state->watching = false;
  state->wake.cancel();
}

}  // namespace

asio::awaitable<void> SendStreamed(beast::tcp_stream& stream, RawResponse& res) {
  StreamProducer producer = *res.body().stream();
  res.body().clear();
  res.content_length(boost::none);
  res.chunked(true);
  res.keep_alive(false);
  stream.expires_never();
  beast_http::response_serializer<ResponseBody> sr(res);
  auto [hec, hn] = co_await beast_http::async_write_header(stream, sr, kAsTuple);
  if (hec) co_return;
  auto state = std::make_shared<WatchState>(stream.get_executor());
  asio::co_spawn(stream.get_executor(), Watch(stream.socket(), state), asio::detached);
  ChunkWriter writer(stream, state);
  co_await producer(writer);
  if (!state->closed->load()) {
    co_await asio::async_write(stream.socket(), beast_http::make_chunk_last(), kAsTuple);
  }
  // Stop the watch before the socket goes away.
  if (state->watching) {
    boost::system::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    stream.socket().cancel(ec);
    state->wake.expires_after(std::chrono::seconds(5));
    while (state->watching) {
      auto [wec] = co_await state->wake.async_wait(kAsTuple);
      if (!wec) break;
    }
  }
}

}  // namespace echotune::http
