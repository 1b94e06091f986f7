#include "api/refresh_scheduler.h"

namespace echotune::api {

bool RefreshScheduler::StartIfDue(const std::string& user, State& s) {
  if (s.wanted && s.holds == 0 && !s.running) {
    s.wanted = false;
    s.running = true;
    return true;
  }
  if (!s.wanted && s.holds == 0 && !s.running) users_.erase(user);
  return false;
}

bool RefreshScheduler::Request(const std::string& user) {
  std::lock_guard lock(mu_);
  State& s = users_[user];
  s.wanted = true;
  return StartIfDue(user, s);
}

void RefreshScheduler::Hold(const std::string& user) {
  std::lock_guard lock(mu_);
  ++users_[user].holds;
}

bool RefreshScheduler::Release(const std::string& user) {
  std::lock_guard lock(mu_);
  State& s = users_[user];
  if (s.holds > 0) --s.holds;
  return StartIfDue(user, s);
}

bool RefreshScheduler::Finished(const std::string& user) {
  std::lock_guard lock(mu_);
  State& s = users_[user];
  s.running = false;
  return StartIfDue(user, s);
}

size_t RefreshScheduler::tracked() const {
  std::lock_guard lock(mu_);
  return users_.size();
}

}  // namespace echotune::api
