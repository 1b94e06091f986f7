// Completion<T>: a type-erased, move-only, one-shot completion handler of
// signature void(T), and AwaitCompletion, which turns a function that starts
// work and later calls a Completion<T> into an awaitable<T>.
//
// The waiting coroutine is resumed on its own executor (the completion is
// posted there), whatever thread calls the Completion, and no thread waits
// meanwhile. T must be default-constructible and movable.
#pragma once

#include <boost/asio/async_result.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <utility>

namespace echotune::spotify {

template <typename T>
class Completion {
 public:
  Completion() = default;
  template <typename Handler>
  explicit Completion(Handler&& handler)
      : impl_(std::make_unique<Impl<std::decay_t<Handler>>>(std::forward<Handler>(handler))) {}

  explicit operator bool() const { return impl_ != nullptr; }

  // Posts the handler with `value` to its executor. Calling an empty (moved
  // from or already called) Completion does nothing.
  void operator()(T value) {
    if (!impl_) return;
    auto impl = std::move(impl_);
    impl->Complete(std::move(value));
  }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual void Complete(T value) = 0;
  };
  template <typename H>
  struct Impl final : Base {
    explicit Impl(H h)
        : handler(std::move(h)),
          work(boost::asio::make_work_guard(boost::asio::get_associated_executor(handler))) {}
    void Complete(T value) override {
      auto ex = work.get_executor();
      boost::asio::post(ex, [h = std::move(handler), v = std::move(value)]() mutable {
        std::move(h)(std::move(v));
      });
      work.reset();
    }
    H handler;
    boost::asio::executor_work_guard<boost::asio::associated_executor_t<H>> work;
  };
  std::unique_ptr<Base> impl_;
};

// co_await AwaitCompletion<T>([](Completion<T> done) { start work that calls done(value) });
template <typename T, typename Start>
auto AwaitCompletion(Start start) {
  return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(T)>(
      [start = std::move(start)](auto handler) mutable {
        start(Completion<T>(std::move(handler)));
      },
      boost::asio::use_awaitable);
}

}  // namespace echotune::spotify
