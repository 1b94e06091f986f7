// LoginCodes: the one-time sign-in codes of `echotune login-link` (issue 14).
//
// A code is 32 random bytes (64 hex characters) from the OS CSPRNG. Only its
// SHA-256 is stored, with the user id and an expiry 10 minutes after issue.
// Redeem() removes the code in the same atomic step that reads it, so a code
// signs in at most once even when two requests race; an unknown, used or
// expired code is INVALID_TOKEN (401). Codes are created only by the command
// line; the HTTP API only redeems them (POST /auth/link).
//
// Where codes live — a place every instance and the CLI process see:
//  - Redis when REDIS_URL is set (key login:code:{sha256}, SET EX 600, GETDEL);
//  - otherwise an SQLite file beside the embedded store, <ECHOTUNE_DB_PATH>.login-codes
//    (with MONGODB_URI and several hosts, set REDIS_URL so every instance sees the codes).
//
// All calls are blocking (SQLite / a synchronous Redis round trip): run them
// on the WorkerPool. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/config.h"
#include "core/result.h"

namespace echotune::api {

inline constexpr std::chrono::seconds kLoginCodeTtl{600};

// Storage of hashed codes. Expiry is judged by LoginCodes with its clock;
// backends may also drop entries on their own after the TTL.
class LoginCodeStore {
 public:
  virtual ~LoginCodeStore() = default;
  virtual core::Status Put(const std::string& code_hash, const std::string& user_id,
                           core::TimePoint expires_at) = 0;
  // Removes the entry and returns "userId expiresAtMs"-parsed parts, or
  // NOT_FOUND when there is none. Atomic: at most one Take of a hash succeeds.
  struct Entry {
    std::string user_id;
    core::TimePoint expires_at;
  };
  virtual core::Result<Entry> Take(const std::string& code_hash) = 0;
};

// SQLite file at `path` (created with its table when missing).
core::Result<std::unique_ptr<LoginCodeStore>> OpenSqliteLoginCodeStore(const std::string& path,
                                                                      const core::Clock& clock);
// Redis at `redis_url` (one synchronous connection per call; 2 s timeouts).
core::Result<std::unique_ptr<LoginCodeStore>> OpenRedisLoginCodeStore(const std::string& redis_url);

class LoginCodes final {
 public:
  LoginCodes(std::unique_ptr<LoginCodeStore> store, const core::Clock& clock)
      : store_(std::move(store)), clock_(clock) {}

  // A fresh code for `user_id` (not checked here: the CLI checks the user exists).
  core::Result<std::string> Issue(const std::string& user_id);
  // The user id of a valid unused code, consuming it. INVALID_TOKEN otherwise
  // (VALIDATION_ERROR naming "code" when it is not 64 hex characters).
  core::Result<std::string> Redeem(const std::string& code);

 private:
  std::unique_ptr<LoginCodeStore> store_;
  const core::Clock& clock_;
};

// The store chosen by `config` (see the header comment).
core::Result<std::unique_ptr<LoginCodes>> OpenLoginCodes(const core::Config& config,
                                                         const core::Clock& clock);

// Lowercase hex SHA-256 of `text`.
std::string Sha256Hex(const std::string& text);

}  // namespace echotune::api
