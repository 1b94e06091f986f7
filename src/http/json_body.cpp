#include "http/json_body.h"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <array>

namespace echotune::http {
namespace {

// Both spellings where the contract has both (users are camelCase, the
// storage of some documents snake_case).
constexpr std::array<std::string_view, 16> kServerOwned = {
    "_id",         "userId",       "user_id",       "createdAt",      "updatedAt",
    "spotifyId",   "spotify_id",   "accessToken",   "access_token",   "refreshToken",
    "refresh_token", "tokenExpiresAt", "token_expires_at", "tokens", "jwtSecret", "jwt_secret"};

bool IsOperatorOrPath(std::string_view key) {
  return (!key.empty() && key.front() == '$') || key.find('.') != std::string_view::npos;
}


std::string Join(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

// The first forbidden key: its path, and whether it is a server-owned field
// (else an operator or a dotted path).
struct ForbiddenKey {
  std::string path;
  bool server_owned = false;
};

ForbiddenKey Find(const boost::json::value& v, const std::string& prefix) {
  if (const auto* obj = v.if_object()) {
    for (const auto& kv : *obj) {
      if (IsOperatorOrPath(kv.key())) return {Join(prefix, kv.key()), false};
      if (IsServerOwnedField(kv.key())) return {Join(prefix, kv.key()), true};
      if (auto inner = Find(kv.value(), Join(prefix, kv.key())); !inner.path.empty()) return inner;
    }
  } else if (const auto* arr = v.if_array()) {
    for (size_t i = 0; i < arr->size(); ++i) {
      auto inner = Find((*arr)[i], prefix + "[" + std::to_string(i) + "]");
      if (!inner.path.empty()) return inner;
    }
  }
  return {};
}

}  // namespace

bool IsServerOwnedField(std::string_view key) {
  return std::find(kServerOwned.begin(), kServerOwned.end(), key) != kServerOwned.end();
}

std::string FindForbiddenKey(const boost::json::value& v) { return Find(v, "").path; }

core::Result<boost::json::value> ParseJsonBody(std::string_view text) {
  boost::json::parse_options opts;
  opts.max_depth = 32;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec, {}, opts);
  if (ec) return core::Error::Validation("body", "Request body is not valid JSON: " + ec.message());
  if (auto key = Find(v, ""); !key.path.empty()) {
    if (key.server_owned) {
      return core::Error::Validation(key.path, "Key '" + key.path + "' is not allowed: the server sets it");
    }
    return core::Error::Validation(key.path, "Key '" + key.path + "' is not allowed: keys may not start "
                                             "with '$' or contain '.'");
  }
  return v;
}

}  // namespace echotune::http
