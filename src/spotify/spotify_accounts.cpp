#include "spotify/spotify_accounts.h"

#include <boost/json/parse.hpp>

#include "spotify/pkce.h"

namespace echotune::spotify {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using Form = std::vector<std::pair<std::string, std::string>>;

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

core::Error SpotifyError(core::ErrorCode code, std::string message, long status) {
  core::Error e{code, std::move(message), {}};
  e.details["spotifyStatus"] = status;
  return e;
}

// "invalid_grant: Invalid authorization code" from an OAuth error body.
std::string OauthReason(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return std::string(body.substr(0, 200));
  std::string out;
  if (auto* e = v.as_object().if_contains("error"); e && e->is_string()) out = e->as_string();
  if (auto* d = v.as_object().if_contains("error_description"); d && d->is_string()) {
    out += (out.empty() ? "" : ": ") + std::string(d->as_string());
  }
  return out;
}

const json::object* ObjectOf(const json::value& v) { return v.is_object() ? &v.as_object() : nullptr; }

std::optional<std::string> StringField(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

core::Error Unexpected(const HttpResponse& r) {
  return SpotifyError(core::ErrorCode::kSpotifyUnavailable,
                      "Spotify answered HTTP " + std::to_string(r.status), r.status);
}

std::string Base64Encode(std::string_view s) {
  std::string out = Base64UrlEncode(s);
  for (char& c : out) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (out.size() % 4) out.push_back('=');
  return out;
}

HttpRequest TokenRequest(const SpotifyEndpoints& endpoints, const Form& form) {
  HttpRequest req{.method = "POST",
                  .url = TrimSlash(endpoints.accounts_url) + "/api/token",
                  .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                  .body = FormEncode(form)};
  if (!endpoints.client_secret.empty()) {
    req.headers.emplace_back(
        "Authorization", "Basic " + Base64Encode(endpoints.client_id + ":" + endpoints.client_secret));
  }
  return req;
}

}  // namespace

HttpRequest RefreshTokenRequest(const SpotifyEndpoints& endpoints, const std::string& refresh_token) {
  Form form = {{"grant_type", "refresh_token"},
               {"refresh_token", refresh_token},
               {"client_id", endpoints.client_id}};
  return TokenRequest(endpoints, form);
}

core::Result<TokenSet> RefreshTokenAnswer(const HttpResponse& r, core::TimePoint now) {
  if (r.status == 400 || r.status == 401) {
    return SpotifyError(core::ErrorCode::kSpotifyAuthRequired,
                        "Spotify no longer accepts the refresh token (" + OauthReason(r.body) +
                            "): log in again",
                        r.status);
  }
  if (r.status != 200) return Unexpected(r);
  return ParseTokenResponse(r.body, now);
}

SpotifyEndpoints SpotifyEndpoints::FromConfig(const core::Config& config) {
  return SpotifyEndpoints{.accounts_url = config.spotify_accounts_url,
                          .api_url = config.spotify_api_url,
                          .client_id = config.spotify_client_id,
                          .client_secret = config.spotify_client_secret,
                          .redirect_uri = config.spotify_redirect_uri};
}

SpotifyLogin::SpotifyLogin(SpotifySender& sender, SpotifyEndpoints endpoints, const core::Clock& clock)
    : sender_(sender), endpoints_(std::move(endpoints)), clock_(clock) {}

awaitable<core::Result<TokenSet>> SpotifyLogin::ExchangeCode(const std::string& code,
                                                            const std::string& code_verifier) {
  Form form = {{"grant_type", "authorization_code"},
               {"code", code},
               {"redirect_uri", endpoints_.redirect_uri},
               {"client_id", endpoints_.client_id},
               {"code_verifier", code_verifier}};
  HttpRequest request = TokenRequest(endpoints_, form);
  auto r = co_await sender_.Send("token", request);
  if (!r.ok()) co_return std::move(r).error();
  if (r->status == 400 || r->status == 401) {
    co_return core::Error::Validation(
        "code", "Spotify refused the authorization code (" + OauthReason(r->body) + ")");
  }
  if (r->status != 200) co_return Unexpected(*r);
  co_return ParseTokenResponse(r->body, clock_.Now());
}

awaitable<core::Result<SpotifyProfile>> SpotifyLogin::GetMe(const std::string& access_token) {
  HttpRequest request{.method = "GET",
                      .url = TrimSlash(endpoints_.api_url) + "/v1/me",
                      .headers = {{"Authorization", "Bearer " + access_token}}};
  auto r = co_await sender_.Send("me", request);
  if (!r.ok()) co_return std::move(r).error();
  if (r->status == 401) {
    co_return SpotifyError(core::ErrorCode::kSpotifyTokenExpired, "Spotify refused the access token",
                           r->status);
  }
  if (r->status != 200) co_return Unexpected(*r);
  co_return ParseProfile(r->body);
}

core::Result<TokenSet> ParseTokenResponse(std::string_view body, core::TimePoint now) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  const json::object* o = ec ? nullptr : ObjectOf(v);
  auto access = o ? StringField(*o, "access_token") : std::nullopt;
  if (!access || access->empty()) {
    return core::Error{core::ErrorCode::kUnavailable,
                       "Spotify's token answer has no access_token", {}};
  }
  TokenSet t{.access_token = *access,
             .refresh_token = StringField(*o, "refresh_token"),
             .expires_at = now + std::chrono::seconds(3600),
             .scope = StringField(*o, "scope").value_or("")};
  if (auto* e = o->if_contains("expires_in"); e && e->is_int64()) {
    t.expires_at = now + std::chrono::seconds(e->as_int64());
  }
  return t;
}

core::Result<SpotifyProfile> ParseProfile(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  const json::object* o = ec ? nullptr : ObjectOf(v);
  auto id = o ? StringField(*o, "id") : std::nullopt;
  if (!id || id->empty()) {
    return core::Error{core::ErrorCode::kUnavailable, "Spotify's profile has no id", {}};
  }
  SpotifyProfile p{.id = *id,
                   .display_name = StringField(*o, "display_name").value_or(*id),
                   .email = StringField(*o, "email"),
                   .country = StringField(*o, "country"),
                   .premium = StringField(*o, "product") == std::optional<std::string>("premium")};
  if (p.display_name.empty()) p.display_name = *id;
  if (auto* f = o->if_contains("followers"); f && f->is_object()) {
    if (auto* t = f->as_object().if_contains("total"); t && t->is_int64()) p.followers = t->as_int64();
  }
  if (auto* imgs = o->if_contains("images"); imgs && imgs->is_array() && !imgs->as_array().empty()) {
    if (auto* img = ObjectOf(imgs->as_array().front())) p.image_url = StringField(*img, "url");
  }
  return p;
}

}  // namespace echotune::spotify
