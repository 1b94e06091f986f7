#include "store/sqlite/connection_pool.h"

namespace echotune::store::sqlite {

core::Result<std::unique_ptr<ConnectionPool>> ConnectionPool::Open(const std::string& path,
                                                                   int size) {
  std::unique_ptr<ConnectionPool> pool(new ConnectionPool());
  for (int i = 0; i < size; ++i) {
    auto conn = Connection::Open(path);
    if (!conn.ok()) return std::move(conn).error();
    pool->idle_.push_back(std::move(conn).value());
  }
  return pool;
}

ConnectionPool::Lease ConnectionPool::Acquire() {
  std::unique_lock lock(mu_);
  available_.wait(lock, [this] { return !idle_.empty(); });
  std::unique_ptr<Connection> conn = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(conn));
}

void ConnectionPool::Release(std::unique_ptr<Connection> conn) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

}  // namespace echotune::store::sqlite
