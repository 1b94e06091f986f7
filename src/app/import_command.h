// `echotune import catalog <csv…>` and `echotune import spotify-export --user U
// <files or folders…>`: load catalogues and Spotify data exports (docs/import.md).
// Exit codes: 0 done, 1 the store failed, 2 bad usage or a bad input file.
#pragma once

#include <CLI/CLI.hpp>

namespace echotune::app {

void RegisterImportCommand(CLI::App& app);

}  // namespace echotune::app
