#include "api/spotify_services.h"

#include "core/object_id.h"

namespace echotune::api {

using boost::asio::awaitable;

namespace {

core::Result<core::ObjectId> ParseUser(const std::string& user_id) {
  auto id = core::ObjectId::Parse(user_id);
  if (!id) return core::Error{core::ErrorCode::kInvalidToken, "the token's userId is not valid", {}};
  return *id;
}

}  // namespace

awaitable<core::Result<spotify::StoredTokens>> UsersTokenStore::Load(const std::string& user_id) {
  auto id = ParseUser(user_id);
  if (!id.ok()) co_return std::move(id).error();
  auto user = co_await workers_.Run([&] { return users_.Get(*id); });
  if (!user.ok()) co_return std::move(user).error();
  co_return spotify::StoredTokens{.access_token = user->access_token.value_or(""),
                                  .refresh_token = user->refresh_token.value_or(""),
                                  .expires_at = user->token_expires_at.value_or(core::TimePoint{})};
}

awaitable<core::Status> UsersTokenStore::Save(const std::string& user_id, const spotify::TokenSet& tokens) {
  auto id = ParseUser(user_id);
  if (!id.ok()) co_return std::move(id).error();
  co_return co_await workers_.Run([&] {
    return users_.UpdateTokens(*id, tokens.access_token, tokens.refresh_token, tokens.expires_at);
  });
}

awaitable<core::Status> UsersTokenStore::Clear(const std::string& user_id) {
  auto id = ParseUser(user_id);
  if (!id.ok()) co_return std::move(id).error();
  co_return co_await workers_.Run(
      [&] { return users_.UpdateTokens(*id, "", std::string(), core::TimePoint{}); });
}

SpotifyServices::SpotifyServices(const core::Config& config, core::WorkerPool& workers,
                                 store::UsersRepository& users, prometheus::Registry& registry,
                                 const core::Clock& clock, spotify::RetryPolicy retry)
    : http(spotify::HttpClientOptions{
          .connect_timeout = std::chrono::milliseconds(config.spotify_connect_timeout_ms),
          .timeout = std::chrono::milliseconds(config.spotify_timeout_ms)}),
      metrics(registry),
      sender(http, &metrics, retry),
      token_store(workers, users),
      tokens(sender, spotify::SpotifyEndpoints::FromConfig(config), token_store, clock),
      api(sender, tokens, config.spotify_api_url),
      player(api) {}

}  // namespace echotune::api
