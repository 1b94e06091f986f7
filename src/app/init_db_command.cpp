#include "app/init_db_command.h"

#include <cstdio>

#include "core/logging.h"
#include "store/mongo/uri_options.h"
#include "store/store.h"

namespace echotune::app {
namespace {

int InitDb() {
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) {
    std::fprintf(stderr, "echotune init-db: %s\n", config.error().message.c_str());
    return 2;
  }
  core::InitLogging("warn");
  config->mongodb_uri = store::mongo::WithBatchTimeouts(config->mongodb_uri);  // index builds may be slow
  auto store = store::OpenStore(*config, core::SystemClock::Instance());
  if (!store.ok()) {
    std::fprintf(stderr, "echotune init-db: %s\n", store.error().message.c_str());
    return 1;
  }
  auto lines = (*store)->Init();
  if (!lines.ok()) {
    std::fprintf(stderr, "echotune init-db: %s\n", lines.error().message.c_str());
    return 1;
  }
  for (const auto& line : *lines) std::printf("%s\n", line.c_str());
  std::printf("init-db: %s store ready (%zu objects)\n",
              std::string((*store)->BackendName()).c_str(), lines->size());
  return 0;
}

}  // namespace

void RegisterInitDbCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "init-db", "Create every table/collection and index of the data contract (idempotent)");
  cmd->callback([] { throw CLI::RuntimeError(InitDb()); });
}

}  // namespace echotune::app
