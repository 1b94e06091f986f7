// `echotune serve`: the service.
#pragma once

#include <CLI/CLI.hpp>

namespace echotune::app {

void RegisterServeCommand(CLI::App& app);

}  // namespace echotune::app
