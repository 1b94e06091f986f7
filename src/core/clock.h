// Clock: the source of "now", injected so tests can move time without sleeping.
#pragma once

#include <atomic>
#include <chrono>

namespace echotune::core {

using TimePoint = std::chrono::system_clock::time_point;
using Millis = std::chrono::milliseconds;

class Clock {
 public:
  virtual ~Clock() = default;
  // Thread-safe. Wall-clock time, UTC.
  virtual TimePoint Now() const = 0;
};

// The real clock.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
  // A process-wide instance, valid for the life of the program.
  static const SystemClock& Instance();
};

// A clock that only moves when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_ms_(ToMs(start)) {}
  TimePoint Now() const override { return TimePoint(Millis(now_ms_.load())); }
  void Advance(Millis by) { now_ms_ += by.count(); }
  void Set(TimePoint t) { now_ms_ = ToMs(t); }

 private:
  static long long ToMs(TimePoint t) {
    return std::chrono::duration_cast<Millis>(t.time_since_epoch()).count();
  }
  std::atomic<long long> now_ms_;
};

}  // namespace echotune::core
