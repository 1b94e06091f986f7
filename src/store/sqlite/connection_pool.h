// ConnectionPool: a fixed set of Connections to one database file, handed out
// one thread at a time. Acquire() blocks while all are in use. Thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/sqlite/connection.h"

namespace echotune::store::sqlite {

class ConnectionPool {
 public:
  // Returns its connection to the pool when destroyed.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    ~Lease() { pool_.Release(std::move(conn_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() { return *conn_; }
    Connection* operator->() { return conn_.get(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Connection> conn_;
  };

  // REQUIRES: size >= 1.
  static core::Result<std::unique_ptr<ConnectionPool>> Open(const std::string& path, int size);
  Lease Acquire();

 private:
  ConnectionPool() = default;
  void Release(std::unique_ptr<Connection> conn);

  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mu_
};

// Runs fn() between BEGIN IMMEDIATE and COMMIT on `conn`; rolls back when fn
// returns an error (or COMMIT fails). fn returns a Status or Result<T>.
template <typename F>
auto InTransaction(Connection& conn, F&& fn) -> decltype(fn()) {
  if (auto s = conn.Exec("BEGIN IMMEDIATE"); !s.ok()) return std::move(s).error();
  auto result = fn();
  if (!result.ok()) {
    (void)conn.Exec("ROLLBACK");
    return result;
  }
  if (auto s = conn.Exec("COMMIT"); !s.ok()) {
    (void)conn.Exec("ROLLBACK");
    return std::move(s).error();
  }
  return result;
}

}  // namespace echotune::store::sqlite
