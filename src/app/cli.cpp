#include "app/cli.h"

#include <CLI/CLI.hpp>

#include "app/backup_command.h"
#include "app/delete_user_command.h"
#include "app/demo_command.h"
#include "app/import_command.h"
#include "app/eval_command.h"
#include "app/init_db_command.h"
#include "app/recommend_command.h"
#include "app/report_command.h"
#include "app/restore_command.h"
#include "app/serve_command.h"
#include "app/login_link_command.h"
#include "app/token_command.h"

namespace echotune::app {

int RunCli(int argc, char** argv) {
  CLI::App app{"EchoTune: self-hostable music discovery.\n"
               "Configuration comes from the environment; see README.md."};
  app.set_version_flag("--version", ECHOTUNE_VERSION);
  app.require_subcommand(1);
  RegisterServeCommand(app);
  RegisterTokenCommand(app);
  RegisterLoginLinkCommand(app);
  RegisterInitDbCommand(app);
  RegisterImportCommand(app);
  RegisterDemoCommand(app);
  RegisterRecommendCommand(app);
  RegisterEvalCommand(app);
  RegisterReportCommand(app);
  RegisterBackupCommand(app);
  RegisterRestoreCommand(app);
  RegisterDeleteUserCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a subcommand's own exit code
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return 0;
}

}  // namespace echotune::app
