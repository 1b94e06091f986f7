#include "api/auth_flow.h"

#include "spotify/curl_client.h"

namespace echotune::api {

const char kSpotifyScopes[] =
    "user-read-private user-read-email playlist-modify-public playlist-modify-private "
    "user-read-recently-played user-top-read user-library-read user-library-modify "
    "user-read-playback-state user-modify-playback-state streaming";

std::string BuildAuthorizeUrl(const AuthorizeRequest& r) {
  std::string base = r.accounts_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::vector<std::pair<std::string, std::string>> q = {
      {"client_id", r.client_id},           {"response_type", "code"},
      {"redirect_uri", r.redirect_uri},     {"code_challenge_method", "S256"},
      {"code_challenge", r.code_challenge}, {"state", r.state},
      {"scope", kSpotifyScopes}};
  if (r.force_dialog) q.emplace_back("show_dialog", "true");
  return base + "/authorize?" + spotify::FormEncode(q);
}

model::User MergeProfile(model::User user, const spotify::SpotifyProfile& p,
                         const spotify::TokenSet& tokens) {
  user.spotify_id = p.id;
  user.display_name = p.display_name;
  user.email = p.email;
  user.country = p.country;
  user.premium = p.premium;
  user.followers = p.followers;
  user.profile_image_url = p.image_url;
  user.access_token = tokens.access_token;
  if (tokens.refresh_token) user.refresh_token = tokens.refresh_token;
  user.token_expires_at = tokens.expires_at;
  user.is_active = true;
  return user;
}

boost::asio::awaitable<core::Result<model::User>> CompleteLogin(spotify::SpotifyLogin& spotify,
                                                                core::WorkerPool& workers,
                                                                store::UsersRepository& users,
                                                                const std::string& code,
                                                                const std::string& code_verifier) {
  auto tokens = co_await spotify.ExchangeCode(code, code_verifier);
  if (!tokens.ok()) co_return std::move(tokens).error();
  auto profile = co_await spotify.GetMe(tokens->access_token);
  if (!profile.ok()) co_return std::move(profile).error();
  co_return co_await workers.Run([&]() -> core::Result<model::User> {
    // Start from the stored document so that upserting keeps its preferences and stats.
    auto stored = users.GetBySpotifyId(profile->id);
    if (!stored.ok() && stored.error().code != core::ErrorCode::kNotFound) {
      return std::move(stored).error();
    }
    model::User base = stored.ok() ? std::move(stored).value() : model::User{};
    return users.UpsertBySpotifyId(MergeProfile(std::move(base), *profile, *tokens));
  });
}

}  // namespace echotune::api
