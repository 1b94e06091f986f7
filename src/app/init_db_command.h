// `echotune init-db`: creates every table/collection and index of the data
// contract; idempotent; prints what it created or found.
#pragma once

#include <CLI/CLI.hpp>

namespace echotune::app {

void RegisterInitDbCommand(CLI::App& app);

}  // namespace echotune::app
