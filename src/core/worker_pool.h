// WorkerPool: threads for blocking work (SQLite, libmongoc, model building).
// Coroutines on an io_context await Run(); the io thread is free meanwhile and
// the coroutine resumes on its own executor.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <type_traits>
#include <utility>

namespace echotune::core {

class WorkerPool final {
 public:
  explicit WorkerPool(int threads) : pool_(static_cast<size_t>(threads)) {}
  ~WorkerPool() { Stop(); }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs fn() on a pool thread and returns its result to the awaiting
  // coroutine; an exception thrown by fn is rethrown there.
  template <typename F>
  boost::asio::awaitable<std::invoke_result_t<F>> Run(F fn) {
    using R = std::invoke_result_t<F>;
    if constexpr (std::is_void_v<R>) {
      co_await boost::asio::co_spawn(
          pool_.get_executor(),
          [f = std::move(fn)]() mutable -> boost::asio::awaitable<void> {
            f();
            co_return;
          },
          boost::asio::use_awaitable);
    } else {
      // co_spawn needs a default-constructible result; Result<T> is not.
      std::optional<R> out = co_await boost::asio::co_spawn(
          pool_.get_executor(),
          [f = std::move(fn)]() mutable -> boost::asio::awaitable<std::optional<R>> {
            co_return std::optional<R>(f());
          },
          boost::asio::use_awaitable);
      co_return std::move(*out);
    }
  }

  // Fire-and-forget. Thread-safe.
  template <typename F>
  void Post(F fn) {
    boost::asio::post(pool_, std::move(fn));
  }

  boost::asio::thread_pool::executor_type executor() { return pool_.get_executor(); }

  // Waits for queued work to finish, then joins. Idempotent.
  void Stop() {
    pool_.join();
  }

 private:
  boost::asio::thread_pool pool_;
};

}  // namespace echotune::core
