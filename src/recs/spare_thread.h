// SpareThread: one long-lived thread that takes a task only while it is idle.
// Hybrid hands it one part of a request; when another request already keeps it
// busy, the caller runs that part itself. So a request's parts use two cores
// when there is a core to spare, and under load nothing queues behind it and no
// thread is started per request (a std::async thread per part measured no p50
// gain and a worse p99 on the 2-core target: docs/recommendations.md).
//
// Thread-safe. The destructor lets a running task finish, then joins.
#pragma once

#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

namespace echotune::recs {

class SpareThread final {
 public:
  SpareThread();
  ~SpareThread();
  SpareThread(const SpareThread&) = delete;
  SpareThread& operator=(const SpareThread&) = delete;

  // Starts `task` on the spare thread and returns the future of its completion
  // (an exception it throws comes out of get()); returns nullopt, running
  // nothing, when the thread is busy with another task. The thread is idle
  // again before the future becomes ready.
  std::optional<std::future<void>> TryRun(std::function<void()> task);

  // The process's spare thread, started on first use and never destroyed.
  static SpareThread& Shared();

 private:
  struct Task {
    std::function<void()> fn;
    std::promise<void> done;
  };

  void Loop(std::stop_token stop);

  std::mutex mu_;
  std::condition_variable_any wake_;
  std::optional<Task> task_;  // guarded by mu_; set while waiting to run
  bool busy_ = false;         // guarded by mu_; from TryRun to the task's end
  std::jthread thread_;              // last: stopped and joined first
};

}  // namespace echotune::recs
