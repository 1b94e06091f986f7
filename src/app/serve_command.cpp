#include "app/serve_command.h"

#include <spdlog/spdlog.h>

#include "app/service.h"
#include "core/logging.h"

namespace echotune::app {
namespace {

int Serve() {
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) {
    std::fprintf(stderr, "echotune: %s\n", config.error().message.c_str());
    return 2;
  }
  core::InitLogging(config->log_level);
  auto service = Service::Create(std::move(config).value());
  if (!service.ok()) {
    spdlog::error("cannot start: {}", service.error().message);
    return 1;
  }
  if (auto s = (*service)->Start(); !s.ok()) {
    spdlog::error("cannot start: {}", s.error().message);
    return 1;
  }
  (*service)->RunUntilSignal();
  spdlog::info("stopped");
  spdlog::shutdown();
  return 0;
}

}  // namespace

void RegisterServeCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "serve", "Run the service: REST API, metrics, API docs (configured by the environment; "
               "see README.md)");
  cmd->callback([] { throw CLI::RuntimeError(Serve()); });
}

}  // namespace echotune::app
