#include "store/sqlite/sweeper.h"

namespace echotune::store::sqlite {

Sweeper::Sweeper(std::function<void()> sweep, std::chrono::milliseconds interval)
    : sweep_(std::move(sweep)), interval_(interval), thread_([this] { Loop(); }) {}

void Sweeper::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sweeper::Loop() {
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    sweep_();
    lock.lock();
  }
}

}  // namespace echotune::store::sqlite
