#include "core/error.h"

namespace echotune::core {

std::string_view ToString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMissingToken: return "MISSING_TOKEN";
    case ErrorCode::kInvalidToken: return "INVALID_TOKEN";
    case ErrorCode::kSpotifyAuthRequired: return "SPOTIFY_AUTH_REQUIRED";
    case ErrorCode::kSpotifyTokenExpired: return "SPOTIFY_TOKEN_EXPIRED";
    case ErrorCode::kStateMismatch: return "STATE_MISMATCH";
    case ErrorCode::kOauthDenied: return "OAUTH_DENIED";
    case ErrorCode::kMissingSession: return "MISSING_SESSION";
    case ErrorCode::kValidationError: return "VALIDATION_ERROR";
    case ErrorCode::kNotFound: return "NOT_FOUND";
    case ErrorCode::kMethodNotAllowed: return "METHOD_NOT_ALLOWED";
    case ErrorCode::kConflict: return "CONFLICT";
    case ErrorCode::kPayloadTooLarge: return "PAYLOAD_TOO_LARGE";
    case ErrorCode::kRateLimited: return "RATE_LIMITED";
    case ErrorCode::kNoActiveDevice: return "NO_ACTIVE_DEVICE";
    case ErrorCode::kPremiumRequired: return "PREMIUM_REQUIRED";
    case ErrorCode::kSpotifyUnavailable: return "SPOTIFY_UNAVAILABLE";
    case ErrorCode::kProviderUnavailable: return "PROVIDER_UNAVAILABLE";
    case ErrorCode::kAllProvidersDown: return "ALL_PROVIDERS_DOWN";
    case ErrorCode::kUnavailable: return "SERVICE_UNAVAILABLE";
    case ErrorCode::kInternalError: return "INTERNAL_ERROR";
  }
  return "INTERNAL_ERROR";
}

unsigned HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMissingToken:
    case ErrorCode::kInvalidToken:
    case ErrorCode::kSpotifyAuthRequired:
    case ErrorCode::kSpotifyTokenExpired: return 401;
    case ErrorCode::kStateMismatch:
    case ErrorCode::kOauthDenied:
    case ErrorCode::kMissingSession:
    case ErrorCode::kValidationError: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kNoActiveDevice: return 404;
    case ErrorCode::kPremiumRequired: return 403;
    case ErrorCode::kSpotifyUnavailable: return 502;
    case ErrorCode::kProviderUnavailable:
    case ErrorCode::kAllProvidersDown:
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternalError: return 500;
  }
  return 500;
}

Error Error::Validation(std::string field, std::string message) {
  Error e{ErrorCode::kValidationError, std::move(message), {}};
  e.details["field"] = field;
  return e;
}

Error Error::NotFound(std::string message) {
  return Error{ErrorCode::kNotFound, std::move(message), {}};
}

Error Error::Conflict(std::string message) {
  return Error{ErrorCode::kConflict, std::move(message), {}};
}

Error Error::Internal(std::string message) {
  return Error{ErrorCode::kInternalError, std::move(message), {}};
}

}  // namespace echotune::core
