#include "llm/circuit_breaker.h"

namespace echotune::llm {

std::string_view ToString(CircuitState state) {
  switch (state) {
    case CircuitState::kClosed: return "CLOSED";
    case CircuitState::kOpen: return "OPEN";
    case CircuitState::kHalfOpen: return "HALF_OPEN";
  }
  return "CLOSED";
}

CircuitBreaker::CircuitBreaker(const core::Clock& clock, BreakerPolicy policy, OnChange on_change)
    : clock_(clock), policy_(policy), on_change_(std::move(on_change)) {}

void CircuitBreaker::MoveTo(CircuitState to, std::function<void()>& notify) {
  CircuitState from = state_;
  if (from == to) return;
  state_ = to;
  failures_.clear();
  probes_ = successes_ = 0;
  if (to == CircuitState::kOpen) opened_at_ = clock_.Now();
  if (on_change_) notify = [this, from, to] { on_change_(from, to); };
}

void CircuitBreaker::Tick(std::function<void()>& notify) {
  if (state_ == CircuitState::kOpen && clock_.Now() - opened_at_ >= policy_.open_for) {
    MoveTo(CircuitState::kHalfOpen, notify);
  }
}

bool CircuitBreaker::Allow() {
  std::function<void()> notify;
  bool allowed = false;
  {
    std::lock_guard lock(mu_);
    Tick(notify);
    if (state_ == CircuitState::kClosed) {
      allowed = true;
    } else if (state_ == CircuitState::kHalfOpen && probes_ < policy_.half_open_probes) {
      ++probes_;
      allowed = true;
    }
  }
  if (notify) notify();
  return allowed;
}

void CircuitBreaker::Success() {
  std::function<void()> notify;
  {
    std::lock_guard lock(mu_);
    if (state_ == CircuitState::kHalfOpen && ++successes_ >= policy_.successes_to_close) {
      MoveTo(CircuitState::kClosed, notify);
    }
  }
  if (notify) notify();
}

void CircuitBreaker::Failure() {
  std::function<void()> notify;
  {
    std::lock_guard lock(mu_);
    auto now = clock_.Now();
    if (state_ == CircuitState::kHalfOpen) {
      MoveTo(CircuitState::kOpen, notify);
    } else if (state_ == CircuitState::kClosed) {
      failures_.push_back(now);
      while (!failures_.empty() && now - failures_.front() > policy_.failure_window) {
        failures_.pop_front();
      }
      if (static_cast<int>(failures_.size()) >= policy_.failure_threshold) {
        MoveTo(CircuitState::kOpen, notify);
      }
    }
  }
  if (notify) notify();
}

void CircuitBreaker::Release() {
  std::lock_guard lock(mu_);
  if (state_ == CircuitState::kHalfOpen && probes_ > successes_) --probes_;
}

CircuitState CircuitBreaker::state() {
  std::function<void()> notify;
  CircuitState s;
  {
    std::lock_guard lock(mu_);
    Tick(notify);
    s = state_;
  }
  if (notify) notify();
  return s;
}

}  // namespace echotune::llm
