// A fake Spotify accounts service and Web API on 127.0.0.1 (ephemeral port)
// for the end-to-end tests and the benchmark. Concurrent (one coroutine per
// connection, keep-alive), with switches for slow answers, expired access
// tokens (401), 429 with Retry-After, 5xx, no active device and non-premium
// accounts. The Web API answers live in fake_spotify_api.h.
#pragma once

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace echotune::e2e {

namespace fake_http = boost::beast::http;
using FakeRequest = fake_http::request<fake_http::string_body>;
using FakeResponse = fake_http::response<fake_http::string_body>;

inline FakeResponse FakeJson(unsigned status, const boost::json::value& body) {
  FakeResponse res{static_cast<fake_http::status>(status), 11};
  res.set(fake_http::field::content_type, "application/json");
  res.body() = boost::json::serialize(body);
  return res;
}

inline FakeResponse FakeEmpty(unsigned status = 204) {
  return FakeResponse{static_cast<fake_http::status>(status), 11};
}

inline FakeResponse FakeApiError(unsigned status, const std::string& message, const std::string& reason = "") {
  boost::json::object err{{"status", status}, {"message", message}};
  if (!reason.empty()) err["reason"] = reason;
  return FakeJson(status, {{"error", err}});
}

inline std::string FakeDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size()) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// "a=1&b=2" → {a: 1, b: 2}
inline std::map<std::string, std::string> FakeForm(std::string_view body) {
  std::map<std::string, std::string> form;
  while (!body.empty()) {
    auto amp = body.find('&');
    auto pair = body.substr(0, amp);
    auto eq = pair.find('=');
    form[FakeDecode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : FakeDecode(pair.substr(eq + 1));
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
  }
  return form;
}

// One play of GET /v1/me/player/recently-played.
struct FakePlay {
  std::string track_id;
  std::string name;
  std::string artist;
  std::string played_at;  // ISO-8601, e.g. "2026-11-20T18:04:00.000Z"
  int64_t played_at_ms = 0;
};

// A recorded Web API call: "PUT /v1/me/player/volume?volume_percent=30" + body.
struct FakeCall {
  std::string line;
  std::string body;
};

class FakeSpotify;
inline FakeResponse FakeWebApi(FakeSpotify& fake, const FakeRequest& req);  // fake_spotify_api.h

class FakeSpotify {
 public:
  static constexpr char kGoodCode[] = "good-code";
  static constexpr char kAccess1[] = "access-1";
  static constexpr char kRefresh1[] = "refresh-1";
  static constexpr char kAccess2[] = "access-2";

  explicit FakeSpotify(int threads = 1) : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    acceptor_.listen(4096);
    boost::asio::co_spawn(io_, Accept(), boost::asio::detached);
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  ~FakeSpotify() {
    io_.stop();
    for (auto& t : threads_) t.join();
  }
  FakeSpotify(const FakeSpotify&) = delete;
  FakeSpotify& operator=(const FakeSpotify&) = delete;

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
  }

  // --- switches --------------------------------------------------------------
  // The next `n` requests are answered 429 with Retry-After: retry_after_s.
  void RateLimitNext(int n, int retry_after_s) {
    retry_after_s_ = retry_after_s;
    rate_limited_ = n;
  }
  // The next `n` requests are answered `status` (a 5xx).
  void FailNext(int n, int status = 503) {
    fail_status_ = status;
    failing_ = n;
  }
  // Every answer waits this long first (no thread blocks: a timer).
  void SetDelay(std::chrono::milliseconds d) { delay_ms_ = static_cast<int>(d.count()); }
  // The Web API answers 401 to this access token from now on.
  void ExpireToken(const std::string& access_token) {
    std::lock_guard lock(mu_);
    expired_.insert(access_token);
  }
  // Refresh grants are refused (invalid_grant), as for a revoked token.
  void RevokeRefreshToken() { refresh_revoked_ = true; }
  // expires_in of the tokens it hands out (3600 / 7200 by default).
  void SetExpiresIn(int seconds) { expires_in_ = seconds; }
  void SetNoActiveDevice(bool on) { no_active_device_ = on; }
  void SetNonPremium(bool on) { non_premium_ = on; }
  void SetNothingPlaying(bool on) { nothing_playing_ = on; }
  // POST /v1/playlists/{id}/tracks fails with 500 from the n-th call on (1-based; 0 = never).
  void FailPlaylistTracksFrom(int n) { fail_tracks_from_ = n; }
  void SetRecentlyPlayed(std::vector<FakePlay> plays) {
    std::lock_guard lock(mu_);
    recent_ = std::move(plays);
  }

  // --- what it saw -----------------------------------------------------------
  std::map<std::string, std::string> last_token_form() {
    std::lock_guard lock(mu_);
    return last_form_;
  }
  std::string last_authorization() {
    std::lock_guard lock(mu_);
    return last_authorization_;
  }
  int requests() const { return requests_; }
  int refreshes() const { return refreshes_; }
  int connections() const { return connections_; }
  // Web API calls other than GETs, in order.
  std::vector<FakeCall> commands() {
    std::lock_guard lock(mu_);
    return commands_;
  }
  // Count of requests whose "METHOD path" (no query) equals `line`.
  int count(const std::string& line) {
    std::lock_guard lock(mu_);
    auto it = counts_.find(line);
    return it == counts_.end() ? 0 : it->second;
  }

  // --- for fake_spotify_api.h ------------------------------------------------
  bool TokenValid(const std::string& authorization) {
    std::lock_guard lock(mu_);
    for (const char* t : {kAccess1, kAccess2}) {
      if (authorization == std::string("Bearer ") + t) return !expired_.count(t);
    }
    return false;
  }
  bool no_active_device() const { return no_active_device_; }
  bool non_premium() const { return non_premium_; }
  bool nothing_playing() const { return nothing_playing_; }
  int NextTracksCall() { return ++tracks_calls_; }
  int fail_tracks_from() const { return fail_tracks_from_; }
  int NextPlaylistId() { return ++playlists_; }
  std::vector<FakePlay> recent() {
    std::lock_guard lock(mu_);
    return recent_;
  }

 private:
  boost::asio::awaitable<void> Accept() {
    for (;;) {
      auto socket = co_await acceptor_.async_accept(boost::asio::use_awaitable);
      ++connections_;
      boost::asio::co_spawn(acceptor_.get_executor(), Session(std::move(socket)), boost::asio::detached);
    }
  }

  boost::asio::awaitable<void> Session(boost::asio::ip::tcp::socket socket) {
    boost::beast::tcp_stream stream(std::move(socket));
    boost::beast::flat_buffer buffer;
    try {
      for (;;) {
        FakeRequest req;
        co_await fake_http::async_read(stream, buffer, req, boost::asio::use_awaitable);
        ++requests_;
        if (int ms = delay_ms_; ms > 0) {
          boost::asio::steady_timer timer(stream.get_executor(), std::chrono::milliseconds(ms));
          co_await timer.async_wait(boost::asio::use_awaitable);
        }
        FakeResponse res = Answer(req);
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        co_await fake_http::async_write(stream, res, boost::asio::use_awaitable);
        if (!req.keep_alive()) break;
      }
    } catch (const std::exception&) {
      // the client closed the connection
    }
    boost::system::error_code ec;
    stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  }

  FakeResponse Answer(const FakeRequest& req) {
    Record(req);
    if (rate_limited_ > 0 && rate_limited_-- > 0) {
      FakeResponse res = FakeApiError(429, "slow down");
      res.set("Retry-After", std::to_string(retry_after_s_));
      return res;
    }
    if (failing_ > 0 && failing_-- > 0) return FakeApiError(fail_status_, "Spotify is having a bad day");
    if (req.method() == fake_http::verb::post && req.target() == "/api/token") return Token(req);
    if (req.method() == fake_http::verb::get && req.target() == "/v1/me") return Me(req);
    return FakeWebApi(*this, req);
  }

  void Record(const FakeRequest& req) {
    std::string target(req.target());
    std::string line = std::string(req.method_string()) + " " + target.substr(0, target.find('?'));
    std::lock_guard lock(mu_);
    ++counts_[line];
    if (req.method() != fake_http::verb::get && target.rfind("/v1/", 0) == 0) {
      commands_.push_back({std::string(req.method_string()) + " " + target, req.body()});
    }
  }

  FakeResponse Token(const FakeRequest& req) {
    auto form = FakeForm(req.body());
    {
      std::lock_guard lock(mu_);
      last_form_ = form;
      auto it = req.find(fake_http::field::authorization);
      last_authorization_ = it == req.end() ? "" : std::string(it->value());
    }
    boost::json::object invalid{{"error", "invalid_grant"}, {"error_description", "Invalid authorization code"}};
    if (form["grant_type"] == "authorization_code") {
      if (form["code"] != kGoodCode || form["code_verifier"].size() < 43) return FakeJson(400, invalid);
      return FakeJson(200, {{"access_token", kAccess1}, {"token_type", "Bearer"},
                            {"expires_in", expires_in_ > 0 ? expires_in_.load() : 3600},
                            {"refresh_token", kRefresh1}, {"scope", "user-read-private"}});
    }
    if (form["grant_type"] == "refresh_token" && form["refresh_token"] == kRefresh1 && !refresh_revoked_) {
      ++refreshes_;
      {
        std::lock_guard lock(mu_);
        expired_.erase(kAccess2);
      }
      return FakeJson(200, {{"access_token", kAccess2}, {"token_type", "Bearer"},
                            {"expires_in", expires_in_ > 0 ? expires_in_.load() : 7200}});
    }
    invalid["error_description"] = "Invalid refresh token";
    return FakeJson(400, invalid);
  }

  FakeResponse Me(const FakeRequest& req) {
    auto it = req.find(fake_http::field::authorization);
    if (!TokenValid(it == req.end() ? "" : std::string(it->value()))) {
      return FakeApiError(401, "Invalid access token");
    }
    return FakeJson(200, {{"id", "fake-user-1"},
                          {"display_name", "Fake Listener"},
                          {"email", "listener@example.test"},
                          {"country", "SE"},
                          {"product", non_premium_ ? "free" : "premium"},
                          {"followers", {{"href", nullptr}, {"total", 42}}},
                          {"images", {{{"url", "http://127.0.0.1/img.png"}, {"height", 64}}}}});
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  std::atomic<int> requests_{0}, refreshes_{0}, connections_{0};
  std::atomic<int> rate_limited_{0}, retry_after_s_{1};
  std::atomic<int> failing_{0}, fail_status_{503};
  std::atomic<int> delay_ms_{0}, expires_in_{0};
  std::atomic<bool> refresh_revoked_{false}, no_active_device_{false}, non_premium_{false};
  std::atomic<bool> nothing_playing_{false};
  std::atomic<int> fail_tracks_from_{0}, tracks_calls_{0}, playlists_{0};
  std::mutex mu_;  // guards the members below
  std::map<std::string, std::string> last_form_;
  std::string last_authorization_;
  std::set<std::string> expired_;
  std::vector<FakeCall> commands_;
  std::map<std::string, int> counts_;
  std::vector<FakePlay> recent_;
};

}  // namespace echotune::e2e

#include "tests/e2e/fake_spotify_api.h"
