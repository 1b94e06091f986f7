// RefreshScheduler: when a user's background recommendation refresh may run.
// Pure bookkeeping, no I/O; the caller starts a refresh whenever a method
// returns true.
//  - At most one refresh per user runs at a time; requests meanwhile coalesce
//    into one more run after it (so the newest listens are reflected).
//  - While a user is held (POST /api/history between recording the listens
//    and invalidating the user's cached recommendations), refreshes wait; the
//    last release starts a waiting one. So a refresh's cache write always
//    lands after that request's invalidation, never under it.
// Thread-safe (one mutex guards users_).
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

namespace echotune::api {

class RefreshScheduler final {
 public:
  // A refresh of `user` is wanted. True: start one now.
  [[nodiscard]] bool Request(const std::string& user);
  // Holds / releases `user`. Release returns true when a refresh must start now.
  // REQUIRES: every Release matches an earlier Hold.
  void Hold(const std::string& user);
  [[nodiscard]] bool Release(const std::string& user);
  // The running refresh of `user` ended. True: run it again now (requested meanwhile).
  // REQUIRES: a refresh of `user` was started.
  [[nodiscard]] bool Finished(const std::string& user);

  // Users with any state (for tests: 0 once everything has settled).
  size_t tracked() const;

 private:
  struct State {
    int holds = 0;
    bool wanted = false;   // requested, not yet started
    bool running = false;
  };
  // REQUIRES: mu_ held. Starts a wanted refresh when nothing stops it; drops idle users.
  bool StartIfDue(const std::string& user, State& s);

  mutable std::mutex mu_;
  std::unordered_map<std::string, State> users_;
};

}  // namespace echotune::api
