#include "app/delete_user_command.h"

#include <cstdio>

#include "core/clock.h"
#include "core/logging.h"
#include "core/object_id.h"
#include "store/store.h"

namespace echotune::app {
namespace {

// The user's id: <user> itself when it is a stored id, else the user whose
// spotifyId it is.
core::Result<core::ObjectId> FindUser(store::UsersRepository& users, const std::string& user) {
  if (auto id = core::ObjectId::Parse(user)) {
    auto exists = users.Exists(*id);
    if (!exists.ok()) return std::move(exists).error();
    if (*exists) return *id;
  }
  auto found = users.GetBySpotifyId(user);
  if (!found.ok()) return std::move(found).error();
  return found->id;
}

int DeleteUser(const std::string& user) {
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) {
    std::fprintf(stderr, "echotune delete-user: %s\n", config.error().message.c_str());
    return 2;
  }
  core::InitLogging("warn");
  auto store = store::OpenStore(*config, core::SystemClock::Instance());
  if (!store.ok()) {
    std::fprintf(stderr, "echotune delete-user: %s\n", store.error().message.c_str());
    return 1;
  }
  auto id = FindUser((*store)->users(), user);
  if (!id.ok()) {
    bool absent = id.error().code == core::ErrorCode::kNotFound;
    std::fprintf(stderr, "echotune delete-user: %s\n",
                 absent ? ("no user with id or Spotify id '" + user + "'").c_str() : id.error().message.c_str());
    return 1;
  }
  if (auto s = (*store)->users().Delete(*id); !s.ok()) {
    std::fprintf(stderr, "echotune delete-user: %s\n", s.error().message.c_str());
    return 1;
  }
  std::printf("deleted user %s and everything the user owned (listening history, recommendations, playlists, "
              "preferences, analytics events, chat sessions, tokens)\n", id->ToHex().c_str());
  return 0;
}

}  // namespace

void RegisterDeleteUserCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("delete-user", "Delete a user and everything the user owns");
  auto user = std::make_shared<std::string>();
  cmd->add_option("user", *user, "the user's id (24 hex characters) or Spotify id")->required();
  cmd->callback([user] { throw CLI::RuntimeError(DeleteUser(*user)); });
}

}  // namespace echotune::app
