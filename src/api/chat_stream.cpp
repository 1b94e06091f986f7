#include "api/chat_stream.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <mutex>

#include <boost/json/parse.hpp>

#include "core/json_write.h"
#include "http/envelope.h"

namespace echotune::api {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

// Between the turn (and the HTTP client's thread) and the writer. `pending`
// under mu; everything else on the connection's thread only.
struct Shared {
  explicit Shared(const asio::any_io_executor& ex) : wake(ex) {}
  std::mutex mu;
  std::string pending;  // SSE text not yet written; guarded by mu
  std::atomic<bool> wake_pending{false};  // a wake is posted and not yet consumed
  bool done = false;
  asio::steady_timer wake;
};

void Push(Shared& s, const asio::any_io_executor& ex, const std::shared_ptr<Shared>& keep, std::string text) {
  {
    std::lock_guard lock(s.mu);
    s.pending += text;
  }
  // One posted wake at a time; the writer always drains after clearing the flag.
  if (!s.wake_pending.exchange(true)) asio::post(ex, [keep] { keep->wake.cancel(); });
}

}  // namespace

std::string SseEvent(std::string_view name, const json::value& data) {
  std::string out = "event: ";
  out += name;
  out += "\ndata: ";
  core::JsonWriteTo(data, out);
  out += "\n\n";
  return out;
}

http::StreamProducer ChatStreamProducer(ChatService& svc, core::ObjectId user, ChatTurnInput input,
                                        std::string request_id) {
  return [&svc, user, input = std::move(input), request_id](http::StreamWriter& writer) -> asio::awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    auto shared = std::make_shared<Shared>(ex);
    auto closed = writer.closed();
    auto hooks = std::make_shared<ChatStreamHooks>();
    hooks->delta = [shared, ex, closed](std::string_view d) {
      if (closed->load()) return false;
      Push(*shared, ex, shared, SseEvent("delta", json::object{{"text", d}}));
      return true;
    };
    hooks->switched = [shared, ex](const std::string& from, const std::string& to) {
      Push(*shared, ex, shared, SseEvent("switch", json::object{{"from", from}, {"to", to}, {"discard", true}}));
    };
    auto turn_input = std::make_shared<ChatTurnInput>(input);
    // The turn owns copies of what it uses: it may outlive this producer.
    asio::co_spawn(
        ex,
        [&svc, user, turn_input, hooks, closed, shared, ex, request_id]() -> asio::awaitable<void> {
          auto r = co_await svc.Turn(user, *turn_input, hooks.get(), closed);
          std::string last = r.ok() ? SseEvent("done", ChatTurnJson(*r))
                                    : SseEvent("error", json::parse(http::ErrorBody(r.error(), request_id)));
          Push(*shared, ex, shared, std::move(last));
          asio::post(ex, [shared] {
            shared->done = true;
            shared->wake.cancel();
          });
        },
        asio::detached);
    co_await writer.Write(": stream open\n\n");
    for (;;) {
      shared->wake_pending.store(false);
      std::string text;
      {
        std::lock_guard lock(shared->mu);
        text.swap(shared->pending);
      }
      if (!text.empty() && !co_await writer.Write(text)) {
        closed->store(true);  // the turn sees it and stops its provider call
      }
      if (shared->done) {
        std::lock_guard lock(shared->mu);
        if (shared->pending.empty()) break;
        continue;
      }
      if (closed->load()) {
        // Nothing more will be written; let the turn finish on its own.
        break;
      }
      shared->wake.expires_after(std::chrono::seconds(30));
      co_await shared->wake.async_wait(asio::as_tuple(asio::use_awaitable));
    }
  };
}

}  // namespace echotune::api
