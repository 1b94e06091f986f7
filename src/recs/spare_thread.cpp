#include "recs/spare_thread.h"

#include <exception>

namespace echotune::recs {

SpareThread::SpareThread() : thread_([this](std::stop_token stop) { Loop(stop); }) {}

SpareThread::~SpareThread() {
  thread_.request_stop();
  thread_.join();
}

std::optional<std::future<void>> SpareThread::TryRun(std::function<void()> task) {
  std::future<void> done;
  {
    std::lock_guard lock(mu_);
    if (busy_) return std::nullopt;
    busy_ = true;
    task_.emplace(Task{std::move(task), {}});
    done = task_->done.get_future();
  }
  wake_.notify_one();
  return done;
}

SpareThread& SpareThread::Shared() {
  static SpareThread* const spare = new SpareThread();  // never destroyed: no exit-time join
  return *spare;
}

void SpareThread::Loop(std::stop_token stop) {
  for (;;) {
    Task task;
    {
      std::unique_lock lock(mu_);
      if (!wake_.wait(lock, stop, [&] { return task_.has_value(); })) return;  // stopped, nothing to run
      task = std::move(*task_);
      task_.reset();
    }
    std::exception_ptr error;
    try {
      task.fn();
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard lock(mu_);
      busy_ = false;
    }
    if (error) {
      task.done.set_exception(error);
    } else {
      task.done.set_value();
    }
  }
}

}  // namespace echotune::recs
