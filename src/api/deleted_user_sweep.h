// DeletedUserSweep: takes users that were deleted behind this instance's back
// (`echotune delete-user` runs as another process; with several instances,
// another instance's process) out of its recommendation model. Every
// `interval` it compares the engine's users with the store's and, for those
// gone, drops their profiles at once and tells `on_gone` (serve: forget them in
// KnownUsers so their token is refused at once, drop their cached
// recommendations, rebuild the model without their listens).
//
// Correct without a lock across the two reads: the engine's users are read
// first, so a user missing from the store afterwards was deleted, never one
// created in between.
//
// Runs on its own thread (the store calls block). Thread-safe.
// REQUIRES: `store`, `engine` and whatever `on_gone` uses outlive it, or Stop().
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "recs/rec_engine.h"
#include "store/store.h"

namespace echotune::api {

class DeletedUserSweep final {
 public:
  using GoneHook = std::function<void(const std::vector<std::string>& user_ids)>;

  DeletedUserSweep(store::Store& store, recs::RecEngine& engine, std::chrono::seconds interval, GoneHook on_gone);
  ~DeletedUserSweep() { Stop(); }
  DeletedUserSweep(const DeletedUserSweep&) = delete;
  DeletedUserSweep& operator=(const DeletedUserSweep&) = delete;

  // Starts the schedule (first sweep after one interval); no-op for interval 0.
  void Start();
  // Ends the schedule and joins the thread. Idempotent.
  void Stop();
  // One sweep on the calling thread; the ids (hex) it took out of the model.
  // `on_gone` has run when it returns (and before the log line saying so). A
  // store failure is logged and sweeps nothing.
  std::vector<std::string> SweepOnce();

 private:
  store::Store& store_;
  recs::RecEngine& engine_;
  const std::chrono::seconds interval_;
  const GoneHook on_gone_;
  std::jthread thread_;
};

}  // namespace echotune::api
