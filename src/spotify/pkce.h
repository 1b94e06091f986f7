// PKCE (RFC 7636) for the Spotify login: a random code verifier and its S256
// challenge. Pure functions over OpenSSL; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace echotune::spotify {

// Base64url of `bytes` without '=' padding (RFC 4648 §5).
std::string Base64UrlEncode(std::string_view bytes);

// A fresh verifier of 64 characters from [A-Za-z0-9-._~] drawn from the OS
// CSPRNG (RFC 7636 allows 43–128).
std::string NewCodeVerifier();

// base64url(SHA-256(verifier)), no padding: the "S256" code_challenge.
std::string CodeChallengeS256(std::string_view verifier);

// True when `verifier` is 43–128 characters of [A-Za-z0-9-._~].
bool IsValidCodeVerifier(std::string_view verifier);

}  // namespace echotune::spotify
