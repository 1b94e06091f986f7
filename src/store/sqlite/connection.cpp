#include "store/sqlite/connection.h"

namespace echotune::store::sqlite {
namespace {

const char* UnavailableReason(int primary) {
  switch (primary) {
    case SQLITE_FULL: return "disk_full";
    case SQLITE_IOERR: return "io_error";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "busy";
    case SQLITE_CANTOPEN: return "cannot_open";
    case SQLITE_READONLY: return "read_only";
    default: return nullptr;
  }
}

}  // namespace

core::Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  int extended = db ? sqlite3_extended_errcode(db) : rc;
  std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return core::Error::Conflict("duplicate key: " + msg);
  }
  if (extended == SQLITE_CONSTRAINT_FOREIGNKEY) return core::Error::NotFound("user not found");
  // The disk (or the file system) failing is the store being unavailable, not
  // a bug: 503 SERVICE_UNAVAILABLE, and the client may retry once space returns.
  if (const char* reason = UnavailableReason(extended & 0xff)) {
    core::Error e{core::ErrorCode::kUnavailable, "the store is unavailable: " + msg, {}};
    e.details["store"] = "sqlite";
    e.details["reason"] = reason;
    return e;
  }
  return core::Error::Internal("sqlite " + std::string(what) + ": " + msg);
}

Statement::~Statement() {
  if (!stmt_) return;
  if (owned_) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), owned_(other.owned_) {
  other.stmt_ = nullptr;
}

Statement& Statement::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Statement& Statement::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}

Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int i, std::nullopt_t) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

core::Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, rc, "step");
}

core::Status Statement::Run() {
  for (;;) {
    auto row = Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return core::Ok();
  }
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::Double(int col) const { return sqlite3_column_double(stmt_, col); }

std::optional<double> Statement::OptDouble(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Double(col);
}

std::string_view Statement::TextView(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (!p) return {};
  return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::string Statement::Text(int col) const { return std::string(TextView(col)); }

std::optional<std::string> Statement::OptText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}

core::Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  std::unique_ptr<Connection> conn(new Connection(db));  // owns db even on failure
  if (rc != SQLITE_OK) return SqliteError(db, rc, "open " + path);
  sqlite3_busy_timeout(db, 10000);
  auto s = conn->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
      "PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=1073741824; PRAGMA wal_autocheckpoint=4000;");
  if (!s.ok()) return std::move(s).error();
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

core::Status Connection::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "exec");
  return core::Ok();
}

core::Result<sqlite3_stmt*> Connection::Cached(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
  cache_.emplace(std::string(sql), stmt);
  return stmt;
}

core::Result<sqlite3_stmt*> Connection::Uncached(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
  return stmt;
}

}  // namespace echotune::store::sqlite
