// CircuitBreaker: one LLM provider's breaker, exactly SYSTEM.md §5:
//  CLOSED    → OPEN after 5 failures within 60 s (a sliding window);
//  OPEN      → HALF_OPEN once 30 s have passed (seen by the next Allow/state);
//  HALF_OPEN lets 3 probe calls through; 3 successes → CLOSED, one failure
//            → OPEN again (for another 30 s).
// Time comes from the injected clock (tests move a FakeClock). Every
// transition calls `on_change(from, to)` after the breaker's lock is released.
// Thread-safe. REQUIRES: clock outlives the breaker.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <string_view>

#include "core/clock.h"

namespace echotune::llm {

enum class CircuitState { kClosed, kOpen, kHalfOpen };
std::string_view ToString(CircuitState state);  // "CLOSED", "OPEN", "HALF_OPEN"

struct BreakerPolicy {
  int failure_threshold = 5;
  std::chrono::milliseconds failure_window{60000};
  std::chrono::milliseconds open_for{30000};
  int half_open_probes = 3;
  int successes_to_close = 3;
};

class CircuitBreaker final {
 public:
  using OnChange = std::function<void(CircuitState from, CircuitState to)>;
  CircuitBreaker(const core::Clock& clock, BreakerPolicy policy = {}, OnChange on_change = nullptr);

  // May a call go out now? In HALF_OPEN a true reserves one of the probes:
  // the caller must then report Success, Failure or Release.
  bool Allow();
  void Success();
  void Failure();
  // A reserved probe that ended with no verdict (the call was cancelled).
  void Release();
  CircuitState state();

 private:
  // REQUIRES: mu_ held. Returns the transition made, if any.
  void MoveTo(CircuitState to, std::function<void()>& notify);
  void Tick(std::function<void()>& notify);  // OPEN → HALF_OPEN when due

  const core::Clock& clock_;
  const BreakerPolicy policy_;
  const OnChange on_change_;
  std::mutex mu_;  // guards everything below
  CircuitState state_ = CircuitState::kClosed;
  std::deque<core::TimePoint> failures_;  // CLOSED: failure times inside the window
  core::TimePoint opened_at_{};
  int probes_ = 0;     // HALF_OPEN: probes let through
  int successes_ = 0;  // HALF_OPEN: probe successes
};

}  // namespace echotune::llm
