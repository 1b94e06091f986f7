// `echotune restore <file>`: replaces the embedded store at ECHOTUNE_DB_PATH
// with a backup made by `echotune backup`. Refuses (exit 2) a file that is not
// an EchoTune database or fails PRAGMA integrity_check, and (exit 1) while an
// `echotune serve` holds the database's lock. With MONGODB_URI set it exits 1
// and points to mongorestore.
#pragma once

#include <CLI/CLI.hpp>

namespace echotune::app {

void RegisterRestoreCommand(CLI::App& app);

}  // namespace echotune::app
