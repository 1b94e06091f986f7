#include "app/serve_command.h"

#include <spdlog/spdlog.h>

#include <optional>

#include "app/service.h"
#include "core/logging.h"
#include "store/sqlite/serve_lock.h"

namespace echotune::app {
namespace {

int Serve() {
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) {
    std::fprintf(stderr, "echotune: %s\n", config.error().message.c_str());
    return 2;
  }
  core::InitLogging(config->log_level);
  // Held until exit so that `echotune restore` can tell the database is in use.
  std::optional<store::sqlite::ServeLock> lock;
  if (!config->UsesMongo()) {
    auto held = store::sqlite::ServeLock::Acquire(config->db_path, store::sqlite::ServeLock::Mode::kShared);
    if (!held.ok()) {
      spdlog::error("cannot start: {} (is echotune restore running?)", held.error().message);
      return 1;
    }
    lock.emplace(std::move(held).value());
  }
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
