// `echotune backup <file>`: an online copy of the embedded store, safe while
// `echotune serve` runs (store/sqlite/backup.h). With MONGODB_URI set it exits
// 1 and points to mongodump (docs/deployment.md "Backups").
#pragma once

#include <CLI/CLI.hpp>

namespace echotune::app {

void RegisterBackupCommand(CLI::App& app);

}  // namespace echotune::app
