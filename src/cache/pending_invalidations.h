// PendingInvalidations: deletes Redis missed while it was unreachable.
//
// While Redis is down, writes go to the in-process cache only, so Redis may
// still hold values that were since deleted (a listen invalidating recs:) or
// overwritten. Each such key or prefix is remembered here and deleted from
// Redis when the connection comes back, before Redis serves reads again.
//
// Thread-safe: mu_ guards every field. Bounded: past `capacity` entries new
// ones are dropped and counted; the replay then clears every contract key
// pattern in Redis rather than let a dropped one resurface.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

namespace echotune::cache {

class PendingInvalidations final {
 public:
  struct Item {
    std::string text;
    bool is_prefix = false;
  };

  explicit PendingInvalidations(size_t capacity) : capacity_(capacity) {}

  void AddKey(std::string key) { Add(Item{std::move(key), false}); }
  void AddPrefix(std::string prefix) { Add(Item{std::move(prefix), true}); }

  // Removes and returns everything remembered, plus how many were dropped.
  struct Batch {
    std::vector<Item> items;
    size_t dropped = 0;
  };
  Batch Take();

  // Puts back items a replay could not apply.
  void Restore(std::vector<Item> items);

  size_t size() const;

 private:
  void Add(Item item);
  static std::string Identity(const Item& item) { return (item.is_prefix ? "p:" : "k:") + item.text; }

  const size_t capacity_;
  mutable std::mutex mu_;
  std::vector<Item> items_;           // guarded by mu_
  std::unordered_set<std::string> seen_;  // guarded by mu_; Identity of items_
  size_t dropped_ = 0;                // guarded by mu_
};

}  // namespace echotune::cache
