#include "recs/spare_thread.h"

namespace echotune::recs {

SpareThread::SpareThread() : thread_([this](std::stop_token stop) { Loop(stop); }) {}

SpareThread::~SpareThread() {
  thread_.request_stop();
  thread_.join();
}

std::optional<std::future<void>> SpareThread::TryRun(std::function<void()> task) {
  std::packaged_task<void()> packaged(std::move(task));
  std::future<void> done = packaged.get_future();
  {
    std::lock_guard lock(mu_);
    if (busy_) return std::nullopt;
    busy_ = true;
    task_ = std::move(packaged);
  }
  wake_.notify_one();
  return done;
}

SpareThread& SpareThread::Shared() {
  static SpareThread* const spare = new SpareThread();  // never destroyed: no exit-time join
  return *spare;
}

void SpareThread::Loop(std::stop_token stop) {
  std::unique_lock lock(mu_);
  for (;;) {
    if (!wake_.wait(lock, stop, [&] { return task_.valid(); })) return;  // stopped, nothing to run
    std::packaged_task<void()> task = std::move(task_);
    lock.unlock();
    task();
    lock.lock();
    busy_ = false;
  }
}

}  // namespace echotune::recs
