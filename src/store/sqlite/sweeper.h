// Sweeper: a background thread that calls a sweep function every `interval`
// until stopped (the embedded backend's TTL monitor; MongoDB's runs every 60 s).
// Stop() (or destruction) wakes the thread and joins it. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace echotune::store::sqlite {

class Sweeper final {
 public:
  Sweeper(std::function<void()> sweep, std::chrono::milliseconds interval);
  ~Sweeper() { Stop(); }
  Sweeper(const Sweeper&) = delete;
  Sweeper& operator=(const Sweeper&) = delete;

  void Stop();

 private:
  void Loop();

  const std::function<void()> sweep_;
  const std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace echotune::store::sqlite
