// `echotune recommend --user U [--strategy S] [--limit N] [--mood M] [--query Q] [--json]`:
// builds the model from the store and prints one user's recommendations —
// the same engine and rules as GET /api/recommendations (recently served
// tracks come from the user's recommendation sets of the last 24 hours).
// Exit codes: 0 done, 1 the store failed, 2 bad usage (unknown strategy, bad user id).
#pragma once

#include <CLI/CLI.hpp>

namespace echotune::app {

void RegisterRecommendCommand(CLI::App& app);

}  // namespace echotune::app
