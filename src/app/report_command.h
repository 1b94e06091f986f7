// `echotune report --user U [--period week|month|year] [--date YYYY-MM-DD] [--json|--svg]`:
// one user's listening report (issue 16) from the store, as readable text (or
// the JSON / SVG of GET /api/analytics/report[.svg]). U is the user's id (24
// hex digits) or Spotify id (as `import --user` takes it).
// Exit codes: 0 done, 1 the store failed or no such user, 2 bad usage.
#pragma once

#include <CLI/CLI.hpp>

namespace echotune::app {

void RegisterReportCommand(CLI::App& app);

}  // namespace echotune::app
