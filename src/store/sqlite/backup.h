// Online backup and restore of the embedded store (`echotune backup` /
// `echotune restore`, docs/deployment.md "Backups"). Blocking; call from a
// command's main thread, never from an io thread.
#pragma once

#include <string>

#include "core/result.h"

namespace echotune::store::sqlite {

// Copies the database at `source` to `target` while other processes (a running
// `echotune serve`) keep reading and writing it: the SQLite online backup API
// copies pages in chunks inside one read snapshot of `source`, so the copy is
// the database as of one instant and writers are never blocked (WAL). The copy
// goes to a temporary file beside `target`, is switched to a self-contained
// rollback-journal file, passes PRAGMA integrity_check, is fsynced, and is
// renamed onto `target`; on any failure `target` is untouched and the
// temporary file removed. Error (INTERNAL_ERROR / NOT_FOUND for a missing
// source) with a message naming the file.
[[nodiscard]] core::Status BackupDatabase(const std::string& source, const std::string& target);

// OK when `path` is an EchoTune database: it opens, PRAGMA integrity_check says
// "ok", and it has the eight tables of the data contract. Else VALIDATION_ERROR
// (field "file") saying why. Never writes to `path`.
[[nodiscard]] core::Status CheckEchotuneDatabase(const std::string& path);

// Replaces the content of the database at `target` (created when missing) with
// that of the backup at `source`, after CheckEchotuneDatabase(source). The copy
// is one SQLite write transaction into `target`, so a crash part-way leaves the
// old database. REQUIRES: nothing else uses `target` (see ServeLock).
[[nodiscard]] core::Status RestoreDatabase(const std::string& source, const std::string& target);

}  // namespace echotune::store::sqlite
