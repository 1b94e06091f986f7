#include "app/login_link_command.h"

#include <cstdio>

#include "api/login_codes.h"
#include "core/clock.h"
#include "core/logging.h"
#include "core/object_id.h"
#include "store/store.h"

namespace echotune::app {
namespace {

// http://HOST:PORT of the configuration; a wildcard HOST is reached on loopback.
std::string DefaultBaseUrl(const core::Config& config) {
  std::string host = config.host;
  if (host == "0.0.0.0" || host == "::" || host.empty()) host = "127.0.0.1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(config.port == 0 ? 3000 : config.port);
}

int PrintLoginLink(const std::string& user, std::string base_url) {
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) {
    std::fprintf(stderr, "echotune login-link: %s\n", config.error().message.c_str());
    return 2;
  }
  if (!base_url.empty() && !base_url.starts_with("http://") && !base_url.starts_with("https://")) {
    std::fprintf(stderr, "echotune login-link: --base-url must start with http:// or https://\n");
    return 2;
  }
  core::InitLogging("warn");
  auto store = store::OpenStore(*config, core::SystemClock::Instance());
  if (!store.ok()) {
    std::fprintf(stderr, "echotune login-link: %s\n", store.error().message.c_str());
    return 1;
  }
  // --user: a 24-hex user id, or a Spotify id ("demo-efrrowini").
  auto id = core::ObjectId::Parse(user);
  auto found = id ? (*store)->users().Get(*id) : (*store)->users().GetBySpotifyId(user);
  if (!found.ok()) {
    std::fprintf(stderr, "echotune login-link: no user with id or Spotify id '%s'\n", user.c_str());
    return 1;
  }
  auto codes = api::OpenLoginCodes(*config, core::SystemClock::Instance());
  if (!codes.ok()) {
    std::fprintf(stderr, "echotune login-link: %s\n", codes.error().message.c_str());
    return 1;
  }
  auto code = (*codes)->Issue(found->id.ToHex());
  if (!code.ok()) {
    std::fprintf(stderr, "echotune login-link: %s\n", code.error().message.c_str());
    return 1;
  }
  if (base_url.empty()) base_url = DefaultBaseUrl(*config);
  while (base_url.ends_with('/')) base_url.pop_back();
  // The code travels in the fragment: browsers never send it to the server
  // in a request line, so no access log or proxy sees it.
  std::printf("%s/signin#code=%s\n", base_url.c_str(), code->c_str());
  std::fprintf(stderr, "(sign-in link for %s: valid once, for %lld minutes)\n",
               found->display_name.c_str(),
               static_cast<long long>(api::kLoginCodeTtl.count() / 60));
  return 0;
}

}  // namespace

void RegisterLoginLinkCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "login-link", "Print a one-time web sign-in link for a user (single use, valid 10 minutes)");
  auto user = std::make_shared<std::string>();
  auto base = std::make_shared<std::string>();
  cmd->add_option("--user", *user, "the user's id (24 hex characters) or Spotify id")->required();
  cmd->add_option("--base-url", *base, "where the service is reached (default http://HOST:PORT)");
  cmd->callback([user, base] { throw CLI::RuntimeError(PrintLoginLink(*user, *base)); });
}

}  // namespace echotune::app
