// JwtCodec: issues and verifies EchoTune's HS256 bearer tokens (cpp-jwt).
// Payload: userId, spotifyId, jti, iat, exp. Only HS256 is accepted: "none",
// other algorithms, bad signatures, malformed and expired tokens are refused.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "http/request.h"
#include "http/verified_tokens.h"

namespace echotune::http {

class JwtCodec final {
 public:
  // REQUIRES: secret is non-empty. The clock must outlive the codec.
  JwtCodec(std::string secret, int ttl_s, const core::Clock& clock);

  // Thread-safe.
  std::string Issue(std::string_view user_id, std::string_view spotify_id) const;

  // The token's claims, or INVALID_TOKEN with a reason in the message.
  // A token verified before (and not expired since) is answered from a memo
  // (VerifiedTokens) without recomputing its signature. Thread-safe.
  core::Result<AuthContext> Verify(std::string_view token) const;

 private:
  core::Result<AuthContext> VerifyFully(std::string_view token) const;

  const std::string secret_;
  const int ttl_s_;
  const core::Clock& clock_;
  mutable VerifiedTokens verified_;  // thread-safe itself
};

// "Bearer <token>" → token; empty when the header is absent or of another scheme.
std::string_view BearerToken(std::string_view authorization_header);

}  // namespace echotune::http
