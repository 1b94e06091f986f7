#include "app/backup_command.h"

#include <cstdio>
#include <filesystem>

#include "core/config.h"
#include "store/sqlite/backup.h"

namespace echotune::app {
namespace {

int Backup(const std::string& file) {
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) {
    std::fprintf(stderr, "echotune backup: %s\n", config.error().message.c_str());
    return 2;
  }
  if (config->UsesMongo()) {
    std::fprintf(stderr,
                 "echotune backup: MONGODB_URI is set; back up MongoDB with its own tools, e.g.\n"
                 "  mongodump --uri \"$MONGODB_URI\" --db %s --archive=%s --gzip\n"
                 "(see docs/deployment.md, \"Backups\"). This command copies the embedded SQLite store only.\n",
                 config->mongodb_db_name.c_str(), file.c_str());
    return 1;
  }
  auto s = store::sqlite::BackupDatabase(config->db_path, file);
  if (!s.ok()) {
    std::fprintf(stderr, "echotune backup: %s\n", s.error().message.c_str());
    return 1;
  }
  std::printf("backup of %s written to %s (integrity_check ok)\n", config->db_path.c_str(), file.c_str());
  for (const char* secret : {".token-key", ".jwt-secret"}) {
    std::string path = config->db_path + secret;
    if (std::filesystem::exists(path)) {
      std::printf("note: keep %s with the backup; stored Spotify tokens and issued JWTs depend on it\n", path.c_str());
    }
  }
  return 0;
}

}  // namespace

void RegisterBackupCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("backup", "Copy the embedded store to <file>, safe while serve runs (docs/deployment.md)");
  auto file = std::make_shared<std::string>();
  cmd->add_option("file", *file, "the backup file to write (replaced atomically)")->required();
  cmd->callback([file] { throw CLI::RuntimeError(Backup(*file)); });
}

}  // namespace echotune::app
