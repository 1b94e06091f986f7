// `echotune demo`: loads the demo data set (both catalogues, one listener per
// playlist of spotify-songs-2020, two real Spotify export samples) so `serve` has
// real music to show. Idempotent. Exit codes: 0 done, 1 store failure, 2 data missing.
#pragma once

#include <CLI/CLI.hpp>

namespace echotune::app {

void RegisterDemoCommand(CLI::App& app);

}  // namespace echotune::app
