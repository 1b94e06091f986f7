#include "api/known_users.h"

namespace echotune::api {

bool KnownUsers::Remembered(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = seen_.find(key);
  if (it == seen_.end()) return false;
  if (clock_.Now() - it->second < ttl_) return true;
  seen_.erase(it);
  return false;
}

void KnownUsers::Remember(std::string key) {
  std::lock_guard lock(mu_);
  if (seen_.size() >= max_entries_) seen_.clear();
  seen_[std::move(key)] = clock_.Now();
}

void KnownUsers::Forget(const std::vector<std::string>& user_ids) {
  std::lock_guard lock(mu_);
  for (const std::string& id : user_ids) seen_.erase(id);
}

boost::asio::awaitable<bool> KnownUsers::Exists(core::WorkerPool& workers, store::Store& store,
                                                const core::ObjectId& user) {
  std::string key = user.ToHex();
  if (Remembered(key)) co_return true;
  auto exists = co_await workers.Run([&store, &user] { return store.users().Exists(user); });
  if (!exists.ok()) co_return true;
  if (*exists) Remember(std::move(key));
  co_return *exists;
}

}  // namespace echotune::api
