// `echotune token --user <userId>`: prints a JWT for an existing user.
#pragma once

#include <CLI/CLI.hpp>

namespace echotune::app {

void RegisterTokenCommand(CLI::App& app);

}  // namespace echotune::app
