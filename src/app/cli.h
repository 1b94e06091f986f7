// The `echotune` command line: one subcommand per job of SYSTEM.md §1.
#pragma once

namespace echotune::app {

// Parses argv, runs the chosen subcommand, returns the process exit code
// (0 success, 1 runtime failure, 2 bad usage or bad input).
int RunCli(int argc, char** argv);

}  // namespace echotune::app
