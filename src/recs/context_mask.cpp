#include "recs/context_mask.h"

#include <algorithm>

namespace echotune::recs {

std::shared_ptr<const ContextMask> MaskCache::GetOrMake(const std::string& key,
                                                        const std::function<ContextMask()>& make) {
  {
    std::lock_guard lock(mu_);
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const Entry& e) { return e.first == key; });
    if (it != entries_.end()) {
      entries_.splice(entries_.begin(), entries_, it);
      return it->second;
    }
  }
  auto mask = std::make_shared<const ContextMask>(make());
  std::lock_guard lock(mu_);
  std::erase_if(entries_, [&](const Entry& e) { return e.first == key; });
  entries_.emplace_front(key, mask);
  if (entries_.size() > capacity_) entries_.pop_back();
  return mask;
}

std::size_t MaskCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace echotune::recs
