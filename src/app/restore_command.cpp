#include "app/restore_command.h"

#include <cstdio>

#include "core/config.h"
#include "store/sqlite/backup.h"
#include "store/sqlite/serve_lock.h"

namespace echotune::app {
namespace {

int Restore(const std::string& file) {
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) {
    std::fprintf(stderr, "echotune restore: %s\n", config.error().message.c_str());
    return 2;
  }
  if (config->UsesMongo()) {
    std::fprintf(stderr,
                 "echotune restore: MONGODB_URI is set; restore MongoDB with its own tools, e.g.\n"
                 "  mongorestore --uri \"$MONGODB_URI\" --archive=%s --gzip --drop\n"
                 "(see docs/deployment.md, \"Backups\"). This command restores the embedded SQLite store only.\n",
                 file.c_str());
    return 1;
  }
  if (auto s = store::sqlite::CheckEchotuneDatabase(file); !s.ok()) {
    std::fprintf(stderr, "echotune restore: refused: %s\n", s.error().message.c_str());
    return 2;
  }
  auto lock = store::sqlite::ServeLock::Acquire(config->db_path, store::sqlite::ServeLock::Mode::kExclusive);
  if (!lock.ok()) {
    std::fprintf(stderr, "echotune restore: refused: %s; stop echotune serve first (%s)\n",
                 config->db_path.c_str(), lock.error().message.c_str());
    return 1;
  }
  if (auto s = store::sqlite::RestoreDatabase(file, config->db_path); !s.ok()) {
    std::fprintf(stderr, "echotune restore: %s\n", s.error().message.c_str());
    return 1;
  }
  std::printf("restored %s from %s (integrity_check ok)\n", config->db_path.c_str(), file.c_str());
  return 0;
}

}  // namespace

void RegisterRestoreCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("restore", "Replace the embedded store with a backup <file>; stop serve first");
  auto file = std::make_shared<std::string>();
  cmd->add_option("file", *file, "a file written by echotune backup")->required();
  cmd->callback([file] { throw CLI::RuntimeError(Restore(*file)); });
}

}  // namespace echotune::app
