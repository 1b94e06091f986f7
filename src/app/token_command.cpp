#include "app/token_command.h"

#include <cstdio>

#include "app/service.h"
#include "core/clock.h"
#include "core/object_id.h"
#include "core/logging.h"
#include "http/jwt_codec.h"
#include "store/store.h"

namespace echotune::app {
namespace {

int PrintToken(const std::string& user) {
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) {
    std::fprintf(stderr, "echotune token: %s\n", config.error().message.c_str());
    return 2;
  }
  if (!core::ObjectId::Parse(user)) {
    std::fprintf(stderr, "echotune token: --user must be a 24-hex user id, got '%s'\n",
                 user.c_str());
    return 2;
  }
  core::InitLogging("warn");
  auto store = store::OpenStore(*config, core::SystemClock::Instance());
  if (!store.ok()) {
    std::fprintf(stderr, "echotune token: %s\n", store.error().message.c_str());
    return 1;
  }
  auto found = (*store)->users().Get(*core::ObjectId::Parse(user));
  if (!found.ok()) {
    std::fprintf(stderr, "echotune token: no user with id %s\n", user.c_str());
    return 1;
  }
  auto secret = ResolveJwtSecret(*config);
  if (!secret.ok()) {
    std::fprintf(stderr, "echotune token: %s\n", secret.error().message.c_str());
    return 1;
  }
  http::JwtCodec jwt(*secret, config->jwt_ttl_s, core::SystemClock::Instance());
  std::printf("%s\n", jwt.Issue(user, found->spotify_id).c_str());
  return 0;
}

}  // namespace

void RegisterTokenCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("token", "Print a JWT (24 h) for an existing user");
  auto user = std::make_shared<std::string>();
  cmd->add_option("--user", *user, "the user's id (24 hex characters)")->required();
  cmd->callback([user] { throw CLI::RuntimeError(PrintToken(*user)); });
}

}  // namespace echotune::app
