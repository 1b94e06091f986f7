// The one error model of EchoTune (SYSTEM.md §7): a code, a message for the
// client, and optional structured details. Domain code returns these as
// values; the HTTP layer maps them to a status in exactly one place.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

namespace echotune::core {

enum class ErrorCode {
  kMissingToken,
  kInvalidToken,
  kSpotifyAuthRequired,
  kSpotifyTokenExpired,
  kStateMismatch,
  kOauthDenied,
  kMissingSession,
  kValidationError,
  kNotFound,
  kMethodNotAllowed,
  kConflict,
  kPayloadTooLarge,
  kRateLimited,
  kNoActiveDevice,      // 404: Spotify has no active playback device
  kPremiumRequired,     // 403: the Spotify account is not premium
  kSpotifyUnavailable,  // 502: Spotify failed (5xx, unreachable) after one retry
  kProviderUnavailable,
  kAllProvidersDown,
  kUnavailable,
  kInternalError,
};

// Wire name of a code, e.g. "VALIDATION_ERROR".
std::string_view ToString(ErrorCode code);

// HTTP status for a code (401, 400, 403, 404, 405, 409, 413, 429, 502, 503, 500).
unsigned HttpStatus(ErrorCode code);

struct [[nodiscard]] Error {
  ErrorCode code = ErrorCode::kInternalError;
  std::string message;       // safe to show to the client
  boost::json::object details;  // optional, e.g. {"field": "limit"}

  static Error Validation(std::string field, std::string message);
  static Error NotFound(std::string message);
  static Error Conflict(std::string message);
  static Error Internal(std::string message);
};

}  // namespace echotune::core
