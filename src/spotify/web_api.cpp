#include "spotify/web_api.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace echotune::spotify {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;

// Spotify's {"error": {"status", "message", "reason"}} (or an OAuth-style body).
struct SpotifyFailure {
  std::string message;
  std::string reason;
};

SpotifyFailure ReadFailure(std::string_view body) {
  SpotifyFailure f;
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  const json::object* o = !ec && v.is_object() ? &v.as_object() : nullptr;
  const json::value* err = o ? o->if_contains("error") : nullptr;
  if (err && err->is_object()) {
    if (auto* m = err->as_object().if_contains("message"); m && m->is_string()) f.message = m->as_string();
    if (auto* r = err->as_object().if_contains("reason"); r && r->is_string()) f.reason = r->as_string();
  } else if (err && err->is_string()) {
    f.message = err->as_string();
  }
  if (f.message.empty()) f.message = std::string(body.substr(0, 200));
  return f;
}

bool Contains(std::string_view text, std::string_view what) {
  return text.find(what) != std::string_view::npos;
}

core::Error Failure(core::ErrorCode code, std::string message, const SpotifyFailure& f, long status) {
  core::Error e{code, std::move(message), {}};
  e.details["spotifyStatus"] = status;
  if (!f.reason.empty()) e.details["reason"] = f.reason;
  return e;
}

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

core::Result<ApiAnswer> InterpretApiAnswer(const HttpResponse& r) {
  if (r.status >= 200 && r.status < 300) {
    ApiAnswer a{.status = r.status};
    if (r.body.find_first_not_of(" \r\n\t") == std::string::npos) return a;
    boost::system::error_code ec;
    a.json = json::parse(r.body, ec);
    if (ec) {
      return core::Error{core::ErrorCode::kSpotifyUnavailable, "Spotify sent an answer that is not JSON", {}};
    }
    return a;
  }
  SpotifyFailure f = ReadFailure(r.body);
  switch (r.status) {
    case 400: {
      core::Error e = core::Error::Validation("spotify", "Spotify refused the request: " + f.message);
      e.details["spotifyStatus"] = r.status;
      return e;
    }
    case 401:
      return Failure(core::ErrorCode::kSpotifyTokenExpired, "Spotify refused the access token", f, r.status);
    case 403:
      if (f.reason == "PREMIUM_REQUIRED" || Contains(f.message, "Premium")) {
        return Failure(core::ErrorCode::kPremiumRequired,
                       "this needs a Spotify Premium account", f, r.status);
      }
      return Failure(core::ErrorCode::kSpotifyAuthRequired,
                     "Spotify refused the request (" + f.message + "): log in with Spotify again",
                     f, r.status);
    case 404:
      if (f.reason == "NO_ACTIVE_DEVICE" || Contains(f.message, "No active device")) {
        return Failure(core::ErrorCode::kNoActiveDevice,
                       "no active Spotify device: start Spotify on a device or transfer playback",
                       f, r.status);
      }
      return Failure(core::ErrorCode::kNotFound, "Spotify has no such item: " + f.message, f, r.status);
    default:
      return Failure(core::ErrorCode::kSpotifyUnavailable,
                     "Spotify answered HTTP " + std::to_string(r.status) + ": " + f.message, f, r.status);
  }
}

SpotifyApi::SpotifyApi(SpotifySender& sender, TokenManager& tokens, std::string api_url)
    : sender_(sender), tokens_(tokens), api_url_(TrimSlash(std::move(api_url))) {}

HttpRequest SpotifyApi::Build(const ApiRequest& request, const std::string& token) const {
  HttpRequest r{.method = request.method,
                .url = api_url_ + request.path,
                .headers = {{"Authorization", "Bearer " + token}}};
  if (!request.body.is_null()) {
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = json::serialize(request.body);
  }
  return r;
}

awaitable<core::Result<ApiAnswer>> SpotifyApi::Call(const std::string& user_id, const ApiRequest& request) {
  auto token = co_await tokens_.AccessToken(user_id);
  if (!token.ok()) co_return std::move(token).error();
  HttpRequest http = Build(request, *token);
  auto r = co_await sender_.Send(request.endpoint, http);
  if (r.ok() && r->status == 401) {
    auto renewed = co_await tokens_.Renew(user_id, *token);
    if (!renewed.ok()) co_return std::move(renewed).error();
    http = Build(request, *renewed);
    r = co_await sender_.Send(request.endpoint, http);
  }
  if (!r.ok()) co_return std::move(r).error();
  co_return InterpretApiAnswer(*r);
}

}  // namespace echotune::spotify
