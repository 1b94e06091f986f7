// `echotune eval --data DIR [--folds 5] [--seed 42] [--json out.json]`: the
// offline evaluation of SYSTEM.md §6.4 on HetRec Last.fm 2K. Prints a table
// and optionally writes {"dataset", "protocol", "folds", "results": [...]}.
// Exit codes: 0 done, 1 cannot write the JSON, 2 bad usage or unreadable data.
#pragma once

#include <CLI/CLI.hpp>

namespace echotune::app {

void RegisterEvalCommand(CLI::App& app);

}  // namespace echotune::app
