// A fake Spotify accounts service and Web API on 127.0.0.1 (ephemeral port)
// for the end-to-end tests: POST /api/token (authorization_code with PKCE,
// refresh_token) and GET /v1/me. One connection at a time, Connection: close.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace echotune::e2e {

class FakeSpotify {
 public:
  static constexpr char kGoodCode[] = "good-code";
  static constexpr char kAccess1[] = "access-1";
  static constexpr char kRefresh1[] = "refresh-1";
  static constexpr char kAccess2[] = "access-2";

  FakeSpotify() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeSpotify() {
    stop_ = true;
    boost::system::error_code ec;
    boost::asio::ip::tcp::socket poke(io_);
    poke.connect(acceptor_.local_endpoint(), ec);  // wakes accept()
    thread_.join();
  }
  FakeSpotify(const FakeSpotify&) = delete;
  FakeSpotify& operator=(const FakeSpotify&) = delete;

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
  }
  // The form fields of the last POST /api/token.
  std::map<std::string, std::string> last_token_form() {
    std::lock_guard lock(mu_);
    return last_form_;
  }
  std::string last_authorization() {
    std::lock_guard lock(mu_);
    return last_authorization_;
  }
  // The next `n` requests are answered 429 with Retry-After: retry_after_s.
  void RateLimitNext(int n, int retry_after_s) {
    rate_limited_ = n;
    retry_after_s_ = retry_after_s;
  }
  int requests() const { return requests_; }

 private:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  void Serve() {
    while (!stop_) {
      boost::system::error_code ec;
      boost::asio::ip::tcp::socket socket(io_);
      acceptor_.accept(socket, ec);
      if (ec || stop_) continue;
      boost::beast::flat_buffer buffer;
      Request req;
      boost::beast::http::read(socket, buffer, req, ec);
      if (ec) continue;
      ++requests_;
      Response res = Answer(req);
      res.keep_alive(false);
      res.prepare_payload();
      boost::beast::http::write(socket, res, ec);
      socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    }
  }

  static Response Json(unsigned status, const boost::json::value& body) {
    Response res{static_cast<boost::beast::http::status>(status), 11};
    res.set(boost::beast::http::field::content_type, "application/json");
    res.body() = boost::json::serialize(body);
    return res;
  }

  static std::string Decode(std::string_view s) {
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

  static std::map<std::string, std::string> ParseForm(std::string_view body) {
    std::map<std::string, std::string> form;
    while (!body.empty()) {
      auto amp = body.find('&');
      auto pair = body.substr(0, amp);
      auto eq = pair.find('=');
      form[Decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : Decode(pair.substr(eq + 1));
      body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    }
    return form;
  }

  Response Answer(const Request& req) {
    if (rate_limited_ > 0) {
      --rate_limited_;
      Response res = Json(429, {{"error", {{"status", 429}, {"message", "slow down"}}}});
      res.set("Retry-After", std::to_string(retry_after_s_));
      return res;
    }
    if (req.method() == boost::beast::http::verb::post && req.target() == "/api/token") {
      return Token(req);
    }
    if (req.method() == boost::beast::http::verb::get && req.target() == "/v1/me") return Me(req);
    return Json(404, {{"error", "not found"}});
  }

  Response Token(const Request& req) {
    auto form = ParseForm(req.body());
    {
      std::lock_guard lock(mu_);
      last_form_ = form;
      auto it = req.find(boost::beast::http::field::authorization);
      last_authorization_ = it == req.end() ? "" : std::string(it->value());
    }
    boost::json::object invalid{{"error", "invalid_grant"},
                                {"error_description", "Invalid authorization code"}};
    if (form["grant_type"] == "authorization_code") {
      if (form["code"] != kGoodCode || form["code_verifier"].size() < 43) return Json(400, invalid);
      return Json(200, {{"access_token", kAccess1}, {"token_type", "Bearer"}, {"expires_in", 3600},
                        {"refresh_token", kRefresh1}, {"scope", "user-read-private"}});
    }
    if (form["grant_type"] == "refresh_token" && form["refresh_token"] == kRefresh1) {
      return Json(200, {{"access_token", kAccess2}, {"token_type", "Bearer"}, {"expires_in", 7200}});
    }
    invalid["error_description"] = "Invalid refresh token";
    return Json(400, invalid);
  }

  Response Me(const Request& req) {
    auto it = req.find(boost::beast::http::field::authorization);
    std::string auth = it == req.end() ? "" : std::string(it->value());
    if (auth != std::string("Bearer ") + kAccess1 && auth != std::string("Bearer ") + kAccess2) {
      return Json(401, {{"error", {{"status", 401}, {"message", "Invalid access token"}}}});
    }
    return Json(200, {{"id", "fake-user-1"},
                      {"display_name", "Fake Listener"},
                      {"email", "listener@example.test"},
                      {"country", "SE"},
                      {"product", "premium"},
                      {"followers", {{"href", nullptr}, {"total", 42}}},
                      {"images", {{{"url", "http://127.0.0.1/img.png"}, {"height", 64}}}}});
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::atomic<int> rate_limited_{0};
  std::atomic<int> retry_after_s_{1};
  std::mutex mu_;  // guards last_form_, last_authorization_
  std::map<std::string, std::string> last_form_;
  std::string last_authorization_;
};

}  // namespace echotune::e2e
