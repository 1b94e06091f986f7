#include "cache/pending_invalidations.h"

namespace echotune::cache {

void PendingInvalidations::Add(Item item) {
  std::lock_guard lock(mu_);
  if (items_.size() >= capacity_) {
    ++dropped_;
    return;
  }
  if (seen_.insert(Identity(item)).second) items_.push_back(std::move(item));
}

PendingInvalidations::Batch PendingInvalidations::Take() {
  std::lock_guard lock(mu_);
  Batch batch{std::move(items_), dropped_};
  items_.clear();
  seen_.clear();
  dropped_ = 0;
  return batch;
}

void PendingInvalidations::Restore(std::vector<Item> items) {
  for (auto& item : items) Add(std::move(item));
}

size_t PendingInvalidations::size() const {
  std::lock_guard lock(mu_);
  return items_.size();
}

}  // namespace echotune::cache
