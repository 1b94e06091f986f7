// `echotune delete-user <user>`: deletes a user and everything the user owns
// (SYSTEM.md §2; store::UsersRepository::Delete), on either backend. <user> is
// the 24-hex user id (as `echotune token --user` takes) or the Spotify id (as
// `echotune import spotify-export --user` takes). Exit 0 deleted, 1 no such
// user or store failure, 2 bad configuration.
#pragma once

#include <CLI/CLI.hpp>

namespace echotune::app {

void RegisterDeleteUserCommand(CLI::App& app);

}  // namespace echotune::app
