#include "http/jwt_codec.h"

#include <jwt/base64.hpp>
#include <jwt/jwt.hpp>
#include <nlohmann/json.hpp>

#include "core/random.h"
#include "core/time_format.h"

namespace echotune::http {
namespace {

// Three base64url segments. cpp-jwt indexes its decoding table with the raw
// (signed) char, so anything else must never reach it: a byte >= 0x80 reads
// outside the table.
bool IsCompactJws(std::string_view token) {
  int dots = 0;
  for (char c : token) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (c == '.') {
      ++dots;
    } else if (!ok) {
      return false;
    }
  }
  return dots == 2;
}

// cpp-jwt reads exp, nbf and iat as uint64_t before it checks the signature,
// and a float out of that range ("exp": 1e300) is undefined behaviour there.
// EchoTune's tokens carry integers: a time claim that is not one is malformed.
// Parsed as cpp-jwt parses the payload (nlohmann), so both see the same claims.
// REQUIRES: IsCompactJws(token).
bool TimeClaimsAreIntegers(std::string_view token) {
  const size_t dot = token.find('.');
  const size_t end = token.find('.', dot + 1);
  const std::string payload = jwt::base64_uri_decode(token.data() + dot + 1, end - dot - 1);
  const auto claims = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!claims.is_object()) return true;  // cpp-jwt refuses it
  for (const char* key : {"exp", "nbf", "iat"}) {
    auto it = claims.find(key);
    if (it != claims.end() && it->is_number_float()) return false;
  }
  return true;
}

core::Error Invalid(std::string why) {
  return core::Error{core::ErrorCode::kInvalidToken, "Invalid token: " + why, {}};
}

}  // namespace

JwtCodec::JwtCodec(std::string secret, int ttl_s, const core::Clock& clock)
    : secret_(std::move(secret)), ttl_s_(ttl_s), clock_(clock), verified_(clock) {}

std::string JwtCodec::Issue(std::string_view user_id, std::string_view spotify_id) const {
  using namespace jwt::params;
  long long now = core::ToUnixMillis(clock_.Now()) / 1000;
  jwt::jwt_object obj{algorithm("HS256"), secret(secret_),
                      payload({{"userId", std::string(user_id)},
                               {"spotifyId", std::string(spotify_id)},
                               {"jti", core::RandomHexId()}})};
  obj.add_claim("iat", static_cast<uint64_t>(now));
  obj.add_claim("exp", static_cast<uint64_t>(now + ttl_s_));
  return obj.signature();
}

core::Result<AuthContext> JwtCodec::Verify(std::string_view token) const {
  if (auto known = verified_.Find(token)) return *std::move(known);
  auto auth = VerifyFully(token);
  if (auth.ok()) verified_.Remember(token, *auth);
  return auth;
}

core::Result<AuthContext> JwtCodec::VerifyFully(std::string_view token) const {
  using namespace jwt::params;
  if (token.size() > 4096 || !IsCompactJws(token) || !TimeClaimsAreIntegers(token)) {
    return Invalid("malformed");
  }
  try {
    std::error_code ec;
    auto obj = jwt::decode(jwt::string_view(token.data(), token.size()), algorithms({"HS256"}),
                           ec, secret(secret_), verify(true));
    if (ec) return Invalid(ec.message());
    const auto& p = obj.payload();
    if (!p.has_claim("exp") || !p.has_claim("userId")) return Invalid("missing claims");
    AuthContext ctx;
    ctx.expires_at_s = static_cast<long long>(p.get_claim_value<uint64_t>("exp"));
    if (ctx.expires_at_s <= core::ToUnixMillis(clock_.Now()) / 1000) return Invalid("expired");
    ctx.user_id = p.get_claim_value<std::string>("userId");
    if (p.has_claim("spotifyId")) ctx.spotify_id = p.get_claim_value<std::string>("spotifyId");
    if (p.has_claim("jti")) ctx.token_id = p.get_claim_value<std::string>("jti");
    return ctx;
  } catch (const std::exception& e) {
    return Invalid("malformed");
  }
}

std::string_view BearerToken(std::string_view header) {
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size()) return {};
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i]))) {
      return {};
    }
  }
  header.remove_prefix(kScheme.size());
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  return header;
}

}  // namespace echotune::http
