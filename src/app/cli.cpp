#include "app/cli.h"

#include <CLI/CLI.hpp>

namespace echotune::app {

int RunCli(int argc, char** argv) {
  CLI::App app{"EchoTune: self-hostable music discovery"};
  app.require_subcommand(1);
  app.add_subcommand("serve", "run the service");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return 0;
}

}  // namespace echotune::app
