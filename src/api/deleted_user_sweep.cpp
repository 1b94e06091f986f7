#include "api/deleted_user_sweep.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>
#include <unordered_set>

namespace echotune::api {

DeletedUserSweep::DeletedUserSweep(store::Store& store, recs::RecEngine& engine, std::chrono::seconds interval,
                                   GoneHook on_gone)
    : store_(store), engine_(engine), interval_(interval), on_gone_(std::move(on_gone)) {}

void DeletedUserSweep::Start() {
  if (interval_.count() <= 0 || thread_.joinable()) return;
  thread_ = std::jthread([this](std::stop_token stop) {
    std::mutex mu;
    std::condition_variable_any wake;  // woken only by the stop request
    std::unique_lock lock(mu);
    while (!wake.wait_for(lock, stop, interval_, [&] { return stop.stop_requested(); })) {
      lock.unlock();
      SweepOnce();
      lock.lock();
    }
  });
}

void DeletedUserSweep::Stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  thread_.join();
}

std::vector<std::string> DeletedUserSweep::SweepOnce() {
  std::vector<std::string> known = engine_.UserIds();  // first: see the header
  if (known.empty()) return {};
  auto stored = store_.users().ListIds();
  if (!stored.ok()) {
    spdlog::warn("deleted-user sweep skipped: {}", stored.error().message);
    return {};
  }
  std::unordered_set<std::string> existing;
  existing.reserve(stored->size());
  for (const core::ObjectId& id : *stored) existing.insert(id.ToHex());
  std::vector<std::string> gone;
  for (std::string& id : known) {
    if (!existing.contains(id)) gone.push_back(std::move(id));
  }
  if (gone.empty()) return {};
  engine_.Forget(gone);
  if (on_gone_) on_gone_(gone);
  spdlog::info("{} deleted user(s) taken out of the recommendation model", gone.size());
  return gone;
}

}  // namespace echotune::api
