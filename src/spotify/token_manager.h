// TokenManager: the Spotify access token of each user, fresh for every call.
//  - Kept in memory after the first use; refreshed (accounts service,
//    refresh_token grant) when it expires within `margin` (60 s), and once
//    more when the Web API rejects it (401).
//  - Concurrent calls of one user share one refresh: the first starts it, the
//    others await its outcome (no refresh storm). Different users refresh
//    independently.
//  - New tokens go to the TokenStore (the users repository, which encrypts
//    them). Before refreshing, the stored tokens are read again: a token
//    another instance refreshed meanwhile is used as is.
//  - A refresh token Spotify refuses → SPOTIFY_AUTH_REQUIRED and the user's
//    tokens are cleared; a user without tokens → SPOTIFY_AUTH_REQUIRED.
// Thread-safe: call from any io thread. `sender`, `store`, `clock` outlive it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "core/result.h"
#include "spotify/spotify_accounts.h"
#include "spotify/spotify_sender.h"

namespace echotune::spotify {

struct StoredTokens {
  std::string access_token;   // empty: none
  std::string refresh_token;  // empty: none
  core::TimePoint expires_at{};
};

// Where tokens live (the api layer implements it over the users repository,
// on the worker pool).
class TokenStore {
 public:
  virtual ~TokenStore() = default;
  // NOT_FOUND for an unknown user.
  virtual boost::asio::awaitable<core::Result<StoredTokens>> Load(const std::string& user_id) = 0;
  virtual boost::asio::awaitable<core::Status> Save(const std::string& user_id,
                                                    const TokenSet& tokens) = 0;
  virtual boost::asio::awaitable<core::Status> Clear(const std::string& user_id) = 0;
};

class TokenManager final {
 public:
  TokenManager(SpotifySender& sender, SpotifyEndpoints endpoints, TokenStore& store,
               const core::Clock& clock, std::chrono::seconds margin = std::chrono::seconds(60));
  ~TokenManager();
  TokenManager(const TokenManager&) = delete;
  TokenManager& operator=(const TokenManager&) = delete;

  // A token valid for at least `margin` more.
  boost::asio::awaitable<core::Result<std::string>> AccessToken(const std::string& user_id);
  // After the Web API refused `rejected`: a newer token (refreshing unless
  // someone already did).
  boost::asio::awaitable<core::Result<std::string>> Renew(const std::string& user_id,
                                                         const std::string& rejected);
  // Refreshes now (POST /auth/refresh), sharing a refresh already in flight
  // for this user; the new token's expiry.
  boost::asio::awaitable<core::Result<core::TimePoint>> RefreshNow(const std::string& user_id);
  // Refreshes made against the accounts service (tests, metrics).
  long refreshes() const { return refreshes_.load(); }

 private:
  struct Outcome;
  struct Flight;
  struct Entry;
  boost::asio::awaitable<Outcome> Shared(const std::string& user_id, const std::string& rejected);
  boost::asio::awaitable<Outcome> Refresh(const std::string& user_id, const std::string& rejected);
  bool Fresh(core::TimePoint expires_at) const;

  SpotifySender& sender_;
  const SpotifyEndpoints endpoints_;
  TokenStore& store_;
  const core::Clock& clock_;
  const std::chrono::seconds margin_;
  std::mutex mu_;  // guards entries_
  std::unordered_map<std::string, Entry> entries_;
  std::atomic<long> refreshes_{0};
};

}  // namespace echotune::spotify
