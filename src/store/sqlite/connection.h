// Connection: one sqlite3 handle with its prepared-statement cache, and
// Statement, a bound, cached statement that resets itself when destroyed.
// A Connection is used by one thread at a time (ConnectionPool hands it out).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

namespace echotune::store::sqlite {

// Maps a SQLite result code to the error model: unique/primary-key violations
// are CONFLICT, foreign-key violations NOT_FOUND ("user not found"); a full
// disk, an I/O error, a lock held past busy_timeout, a file that cannot be
// opened or is read-only are SERVICE_UNAVAILABLE (503, details.store "sqlite",
// details.reason disk_full/io_error/busy/cannot_open/read_only); the rest
// INTERNAL_ERROR with the SQLite message.
core::Error SqliteError(sqlite3* db, int rc, std::string_view what);

class Statement {
 public:
  // `owned` statements are finalized when destroyed, cached ones only reset.
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool owned = false)
      : db_(db), stmt_(stmt), owned_(owned) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // Binds parameter i (1-based). Empty optionals bind NULL.
  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Statement& Bind(int i, double v);
  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, std::nullopt_t);
  template <typename T>
  Statement& Bind(int i, const std::optional<T>& v) {
    return v ? Bind(i, *v) : Bind(i, std::nullopt);
  }
  template <typename... Args>
  Statement& BindAll(const Args&... args) {
    int i = 0;
    (Bind(++i, args), ...);
    return *this;
  }

  // Advances: true = a row is ready, false = done.
  [[nodiscard]] core::Result<bool> Step();
  // Steps to completion (for writes).
  [[nodiscard]] core::Status Run();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::optional<double> OptDouble(int col) const;
  std::string Text(int col) const;
  std::string_view TextView(int col) const;  // valid until the next Step
  std::optional<std::string> OptText(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool owned_;
};

class Connection {
 public:
  // Opens `path` (created if missing) with WAL, foreign keys and busy_timeout.
  static core::Result<std::unique_ptr<Connection>> Open(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement for `sql`, bound to `args`.
  template <typename... Args>
  [[nodiscard]] core::Result<Statement> Prepare(std::string_view sql, const Args&... args) {
    const bool cache = cache_.size() < kMaxCached || cache_.count(std::string(sql));
    auto stmt = cache ? Cached(sql) : Uncached(sql);
    if (!stmt.ok()) return std::move(stmt).error();
    Statement s(db_, *stmt, !cache);
    s.BindAll(args...);
    return s;
  }
  // Prepares, binds and runs a statement that returns no rows.
  template <typename... Args>
  [[nodiscard]] core::Status Run(std::string_view sql, const Args&... args) {
    auto s = Prepare(sql, args...);
    if (!s.ok()) return std::move(s).error();
    return s->Run();
  }
  // Runs one or more statements without caching (DDL).
  [[nodiscard]] core::Status Exec(const std::string& sql);
  int64_t Changes() const { return sqlite3_changes64(db_); }
  sqlite3* handle() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  // Past this many distinct SQL texts (dynamic filters), statements are not cached.
  static constexpr size_t kMaxCached = 256;
  core::Result<sqlite3_stmt*> Cached(std::string_view sql);
  core::Result<sqlite3_stmt*> Uncached(std::string_view sql);

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace echotune::store::sqlite
