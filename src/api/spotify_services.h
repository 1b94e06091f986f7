// SpotifyServices: the Spotify Web API side of the service (issue 11), built
// once from the Config and owned by app::Service:
//   AsyncHttpClient (libcurl multi on its own io_context: no thread waits)
//   → SpotifySender (429/5xx retry rules, metrics) → TokenManager (tokens of
//   the users repository, refreshed and shared) → SpotifyApi → Player.
// Handlers reach it through ApiContext::spotify.
#pragma once

#include <memory>

#include "core/config.h"
#include "core/worker_pool.h"
#include "spotify/async_http_client.h"
#include "spotify/player.h"
#include "spotify/spotify_metrics.h"
#include "spotify/spotify_sender.h"
#include "spotify/token_manager.h"
#include "spotify/web_api.h"
#include "store/users_repository.h"

namespace prometheus {
class Registry;
}

namespace echotune::api {

// spotify::TokenStore over the users repository (encrypted at rest), on the
// worker pool. Clear empties both tokens. REQUIRES: both outlive it.
class UsersTokenStore final : public spotify::TokenStore {
 public:
  UsersTokenStore(core::WorkerPool& workers, store::UsersRepository& users)
      : workers_(workers), users_(users) {}
  boost::asio::awaitable<core::Result<spotify::StoredTokens>> Load(const std::string& user_id) override;
  boost::asio::awaitable<core::Status> Save(const std::string& user_id,
                                            const spotify::TokenSet& tokens) override;
  boost::asio::awaitable<core::Status> Clear(const std::string& user_id) override;

 private:
  core::WorkerPool& workers_;
  store::UsersRepository& users_;
};

struct SpotifyServices {
  // REQUIRES: workers, users, registry and clock outlive it.
  SpotifyServices(const core::Config& config, core::WorkerPool& workers, store::UsersRepository& users,
                  prometheus::Registry& registry, const core::Clock& clock,
                  spotify::RetryPolicy retry = {});

  spotify::AsyncHttpClient http;
  spotify::SpotifyMetrics metrics;
  spotify::SpotifySender sender;
  UsersTokenStore token_store;
  spotify::TokenManager tokens;
  spotify::SpotifyApi api;
  spotify::Player player;
};

}  // namespace echotune::api
