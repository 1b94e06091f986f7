// `echotune login-link --user U [--base-url URL]`: prints a one-time sign-in
// link for the web UI (single use, valid 10 minutes; see api::LoginCodes).
// The command line is the only place such links are made.
#pragma once

#include <CLI/CLI.hpp>

namespace echotune::app {

void RegisterLoginLinkCommand(CLI::App& app);

}  // namespace echotune::app
