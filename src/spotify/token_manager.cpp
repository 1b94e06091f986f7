#include "spotify/token_manager.h"

#include <optional>
#include <vector>

#include "spotify/completion.h"

namespace echotune::spotify {

using boost::asio::awaitable;

struct TokenManager::Outcome {
  std::optional<core::Error> error;
  std::string access_token;
  core::TimePoint expires_at{};
};

// One refresh in progress and whoever awaits it.
struct TokenManager::Flight {
  std::mutex mu;
  bool done = false;
  Outcome outcome;
  std::vector<Completion<Outcome>> waiters;

  awaitable<Outcome> Wait() {
    return AwaitCompletion<Outcome>([this](Completion<Outcome> c) {
      std::unique_lock lock(mu);
      if (!done) {
        waiters.push_back(std::move(c));
        return;
      }
      Outcome copy = outcome;
      lock.unlock();
      c(std::move(copy));
    });
  }

  void Complete(const Outcome& o) {
    std::vector<Completion<Outcome>> ws;
    {
      std::lock_guard lock(mu);
      done = true;
      outcome = o;
      ws.swap(waiters);
    }
    for (auto& w : ws) w(o);
  }
};

struct TokenManager::Entry {
  std::string access_token;
  core::TimePoint expires_at{};
  std::shared_ptr<Flight> flight;  // set while a refresh runs
};

namespace {

core::Result<std::string> ToResult(const auto& outcome) {
  if (outcome.error) return *outcome.error;
  return outcome.access_token;
}

core::Error AuthRequired(std::string message) {
  return core::Error{core::ErrorCode::kSpotifyAuthRequired, std::move(message), {}};
}

}  // namespace

TokenManager::TokenManager(SpotifySender& sender, SpotifyEndpoints endpoints, TokenStore& store,
                           const core::Clock& clock, std::chrono::seconds margin)
    : sender_(sender), endpoints_(std::move(endpoints)), store_(store), clock_(clock), margin_(margin) {}

TokenManager::~TokenManager() = default;

bool TokenManager::Fresh(core::TimePoint expires_at) const {
  return clock_.Now() + margin_ < expires_at;
}

awaitable<core::Result<std::string>> TokenManager::AccessToken(const std::string& user_id) {
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(user_id);
    if (it != entries_.end() && !it->second.flight && !it->second.access_token.empty() &&
        Fresh(it->second.expires_at)) {
      co_return it->second.access_token;
    }
  }
  co_return ToResult(co_await Shared(user_id, ""));
}

awaitable<core::Result<std::string>> TokenManager::Renew(const std::string& user_id,
                                                        const std::string& rejected) {
  co_return ToResult(co_await Shared(user_id, rejected));
}

awaitable<core::Result<core::TimePoint>> TokenManager::RefreshNow(const std::string& user_id) {
  // The token to replace: the one handed out last, else the stored one.
  std::string current;
  {
    std::lock_guard lock(mu_);
    if (auto it = entries_.find(user_id); it != entries_.end()) current = it->second.access_token;
  }
  if (current.empty()) {
    auto stored = co_await store_.Load(user_id);
    if (!stored.ok()) co_return std::move(stored).error();
    current = stored->access_token;
  }
  Outcome out = co_await Shared(user_id, current);
  if (out.error) co_return *out.error;
  co_return out.expires_at;
}

awaitable<TokenManager::Outcome> TokenManager::Shared(const std::string& user_id,
                                                      const std::string& rejected) {
  std::shared_ptr<Flight> flight;
  bool leader = false;
  {
    std::lock_guard lock(mu_);
    Entry& e = entries_[user_id];
    if (e.flight) {
      flight = e.flight;
    } else if (!e.access_token.empty() && e.access_token != rejected && Fresh(e.expires_at)) {
      // someone refreshed since `rejected` was handed out
      co_return Outcome{.access_token = e.access_token, .expires_at = e.expires_at};
    } else {
      flight = e.flight = std::make_shared<Flight>();
      leader = true;
    }
  }
  if (!leader) co_return co_await flight->Wait();
  Outcome out = co_await Refresh(user_id, rejected);
  {
    std::lock_guard lock(mu_);
    if (out.error) {
      entries_.erase(user_id);
    } else {
      Entry& e = entries_[user_id];
      e.flight.reset();
      e.access_token = out.access_token;
      e.expires_at = out.expires_at;
    }
  }
  flight->Complete(out);
  co_return out;
}

awaitable<TokenManager::Outcome> TokenManager::Refresh(const std::string& user_id,
                                                       const std::string& rejected) {
  auto stored = co_await store_.Load(user_id);
  if (!stored.ok()) co_return Outcome{.error = std::move(stored).error()};
  if (!stored->access_token.empty() && stored->access_token != rejected && Fresh(stored->expires_at)) {
    co_return Outcome{.access_token = stored->access_token, .expires_at = stored->expires_at};
  }
  if (stored->refresh_token.empty()) {
    co_return Outcome{.error = AuthRequired("Spotify is not connected: log in with Spotify")};
  }
  HttpRequest request = RefreshTokenRequest(endpoints_, stored->refresh_token);
  auto answer = co_await sender_.Send("token", request);
  if (!answer.ok()) co_return Outcome{.error = std::move(answer).error()};
  auto tokens = RefreshTokenAnswer(*answer, clock_.Now());
  if (!tokens.ok()) {
    if (tokens.error().code == core::ErrorCode::kUnavailable) {
      core::Error e = tokens.error();
      e.code = core::ErrorCode::kSpotifyUnavailable;
      co_return Outcome{.error = std::move(e)};
    }
    if (tokens.error().code == core::ErrorCode::kSpotifyAuthRequired) {
      (void)co_await store_.Clear(user_id);  // a failure here only delays the same answer
    }
    co_return Outcome{.error = std::move(tokens).error()};
  }
  refreshes_.fetch_add(1);
  auto saved = co_await store_.Save(user_id, *tokens);
  if (!saved.ok()) co_return Outcome{.error = std::move(saved).error()};
  co_return Outcome{.access_token = tokens->access_token, .expires_at = tokens->expires_at};
}

}  // namespace echotune::spotify
