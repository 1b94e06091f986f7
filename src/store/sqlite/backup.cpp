#include "store/sqlite/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "store/index_spec.h"

namespace echotune::store::sqlite {
namespace {

namespace fs = std::filesystem;

// Pages per backup step: large enough to finish a big database in few steps,
// small enough that the copy does not hold the source's pager mutex for long.
constexpr int kPagesPerStep = 1024;

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, Closer>;

core::Error Failed(const std::string& what, sqlite3* db) {
  return core::Error::Internal(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

core::Result<Db> OpenDb(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) return Failed("cannot open " + path, raw);
  sqlite3_busy_timeout(raw, 10000);
  return db;
}

core::Status Exec(sqlite3* db, const std::string& sql, const std::string& path) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return Failed(path + ": " + sql, db);
  return core::Ok();
}

// The first column of every row of `sql`, joined by newlines.
core::Result<std::string> QueryText(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) return Failed(sql, db);
  std::string out;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (!out.empty()) out += "\n";
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    out += text ? reinterpret_cast<const char*>(text) : "";
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return Failed(sql, db);
  return out;
}

core::Status IntegrityCheck(sqlite3* db, const std::string& path) {
  auto result = QueryText(db, "PRAGMA integrity_check");
  if (!result.ok()) return core::Error::Validation("file", path + " is not a readable SQLite database (" + result.error().message + ")");
  if (*result != "ok") return core::Error::Validation("file", path + " fails PRAGMA integrity_check: " + result->substr(0, 500));
  return core::Ok();
}

// Copies all of `from` into `to`, `pages` at a time (-1: all in one step).
// Busy/locked steps are retried after a short pause.
core::Status CopyPages(sqlite3* to, sqlite3* from, int pages, const std::string& what) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return Failed(what, to);
  int rc;
  do {
    rc = sqlite3_backup_step(backup, pages);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return Failed(what, to);
  return core::Ok();
}

core::Status FsyncPath(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return core::Error::Internal("cannot open " + path + " to sync it");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return core::Error::Internal("cannot fsync " + path);
  return core::Ok();
}

// The copy step of BackupDatabase, into `tmp`; the caller renames or removes it.
core::Status CopyTo(const std::string& source, const std::string& tmp) {
  auto src = OpenDb(source, SQLITE_OPEN_READWRITE);
  if (!src.ok()) return std::move(src).error();
  // One read transaction across all steps: the copy is one consistent snapshot
  // and a writer in another process cannot make the backup restart (WAL lets
  // that writer go on meanwhile).
  if (auto s = Exec(src->get(), "BEGIN; SELECT COUNT(*) FROM sqlite_schema;", source); !s.ok()) return s;
  auto dst = OpenDb(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!dst.ok()) return std::move(dst).error();
  if (auto s = CopyPages(dst->get(), src->get(), kPagesPerStep, "backup " + source + " → " + tmp); !s.ok()) return s;
  (void)Exec(src->get(), "COMMIT", source);
  // A backup file is one self-contained file: no -wal beside it.
  if (auto s = Exec(dst->get(), "PRAGMA journal_mode=DELETE", tmp); !s.ok()) return s;
  return IntegrityCheck(dst->get(), tmp);
}

}  // namespace

core::Status BackupDatabase(const std::string& source, const std::string& target) {
  std::error_code ec;
  if (!fs::is_regular_file(source, ec)) return core::Error::NotFound("no database at " + source);
  if (fs::equivalent(source, target, ec)) return core::Error::Validation("file", target + " is the database itself");
  const std::string tmp = target + ".tmp-" + std::to_string(::getpid());
  auto s = CopyTo(source, tmp);
  if (s.ok()) s = FsyncPath(tmp, O_RDONLY);
  if (s.ok() && std::rename(tmp.c_str(), target.c_str()) != 0) s = core::Error::Internal("cannot rename " + tmp + " to " + target);
  if (!s.ok()) {
    fs::remove(tmp, ec);
    fs::remove(tmp + "-journal", ec);
    return s;
  }
  fs::path dir = fs::absolute(target, ec).parent_path();
  return FsyncPath(dir.string(), O_RDONLY | O_DIRECTORY);
}

core::Status CheckEchotuneDatabase(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return core::Error::Validation("file", "no such file: " + path);
  auto db = OpenDb(path, SQLITE_OPEN_READONLY);
  if (!db.ok()) return core::Error::Validation("file", path + " is not a SQLite database");
  if (auto s = IntegrityCheck(db->get(), path); !s.ok()) return s;
  for (const CollectionSpec& spec : CollectionSpecs()) {
    auto found = QueryText(db->get(), "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'echotune_" + spec.name + "'");
    if (!found.ok() || found->empty()) {
      return core::Error::Validation("file", path + " is not an EchoTune database (no table echotune_" + spec.name + ")");
    }
  }
  return core::Ok();
}

core::Status RestoreDatabase(const std::string& source, const std::string& target) {
  if (auto s = CheckEchotuneDatabase(source); !s.ok()) return s;
  std::error_code ec;
  if (fs::equivalent(source, target, ec)) return core::Error::Validation("file", source + " is the database itself");
  auto src = OpenDb(source, SQLITE_OPEN_READONLY);
  if (!src.ok()) return std::move(src).error();
  auto dst = OpenDb(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!dst.ok()) return std::move(dst).error();
  // All pages in one step: one write transaction into the target (its WAL or
  // rollback journal makes it atomic), so a crash leaves the old database.
  if (auto s = CopyPages(dst->get(), src->get(), -1, "restore " + source + " → " + target); !s.ok()) return s;
  if (auto s = IntegrityCheck(dst->get(), target); !s.ok()) return s;
  // Fold the WAL into the file so the restored database is complete on its own.
  return Exec(dst->get(), "PRAGMA wal_checkpoint(TRUNCATE)", target);
}

}  // namespace echotune::store::sqlite
