#include "spotify/spotify_sender.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <random>

namespace echotune::spotify {
namespace {

using boost::asio::awaitable;

bool Failed(const core::Result<HttpResponse>& r) { return !r.ok() || r->status >= 500; }

awaitable<void> Sleep(std::chrono::milliseconds d) {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, d);
  co_await timer.async_wait(boost::asio::use_awaitable);
}

std::chrono::milliseconds Jitter(const RetryPolicy& p) {
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<long> d(p.jitter_min.count(), std::max(p.jitter_min, p.jitter_max).count());
  return std::chrono::milliseconds(d(rng));
}

core::Error RateLimited(long retry_after_s) {
  core::Error e{core::ErrorCode::kRateLimited,
                "Spotify is rate limiting requests; retry in " + std::to_string(retry_after_s) + " s",
                {}};
  e.details["retryAfter"] = retry_after_s;
  return e;
}

core::Error Unavailable(const core::Result<HttpResponse>& r) {
  if (!r.ok()) {
    core::Error e{core::ErrorCode::kSpotifyUnavailable, r.error().message, {}};
    return e;
  }
  core::Error e{core::ErrorCode::kSpotifyUnavailable,
                "Spotify failed (HTTP " + std::to_string(r->status) + "), also on a retry", {}};
  e.details["spotifyStatus"] = r->status;
  return e;
}

}  // namespace

awaitable<core::Result<HttpResponse>> SpotifySender::Once(std::string_view endpoint,
                                                          const HttpRequest& request) {
  auto start = std::chrono::steady_clock::now();
  auto r = co_await http_.Send(request);
  if (metrics_) metrics_->Record(endpoint, r.ok() ? r->status : 0, std::chrono::steady_clock::now() - start);
  co_return r;
}

awaitable<core::Result<HttpResponse>> SpotifySender::Send(std::string_view endpoint,
                                                          const HttpRequest& request) {
  auto r = co_await Once(endpoint, request);
  if (Failed(r)) {
    co_await Sleep(Jitter(policy_));
    r = co_await Once(endpoint, request);
    if (Failed(r)) co_return Unavailable(r);
  }
  if (r->status == 429) {
    long wait = r->retry_after_s.value_or(1);
    if (wait > policy_.max_retry_after.count()) co_return RateLimited(wait);
    co_await Sleep(std::chrono::seconds(wait));
    r = co_await Once(endpoint, request);
    if (Failed(r)) co_return Unavailable(r);
    if (r->status == 429) co_return RateLimited(r->retry_after_s.value_or(1));
  }
  co_return r;
}

}  // namespace echotune::spotify
