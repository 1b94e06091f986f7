// A fake of the three LLM vendor APIs on 127.0.0.1 (ephemeral port), for the
// end-to-end tests and the chat benchmark. Each vendor lives under its own
// base path: {url}/openai and {url}/openrouter (OpenAI chat completions),
// {url}/anthropic (Messages), {url}/gemini (generateContent and
// streamGenerateContent?alt=sse). Answers, streamed or whole, are "<vendor>
// tok0 tok1 …"; per-vendor switches make it fail with a status, answer
// garbage, cut a stream midway, or wait before the first byte. It checks the
// API key header and records each request body. Streams are close-delimited
// (Connection: close), written token by token with a timer between them.
#pragma once

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace echotune::e2e {

class FakeLlm {
 public:
  enum class Mode { kOk, kStatus, kGarbage, kCut };
  struct Behaviour {
    Mode mode = Mode::kOk;
    int status = 503;        // kStatus
    int tokens = 5;          // tokens in an answer
    int token_ms = 0;        // pause between streamed tokens
    int first_byte_ms = 0;   // pause before the first byte (whole or streamed)
  };
  static constexpr char kKey[] = "fake-llm-key";

  explicit FakeLlm(int threads = 1) : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    acceptor_.listen(4096);
    boost::asio::co_spawn(io_, Accept(), boost::asio::detached);
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  ~FakeLlm() {
    io_.stop();
    for (auto& t : threads_) t.join();
  }
  FakeLlm(const FakeLlm&) = delete;
  FakeLlm& operator=(const FakeLlm&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }
  std::string base(const std::string& vendor) const { return url() + "/" + vendor; }

  void Set(const std::string& vendor, Behaviour b) {
    std::lock_guard lock(mu_);
    behaviour_[vendor] = b;
  }
  int requests(const std::string& vendor) {
    std::lock_guard lock(mu_);
    return requests_[vendor];
  }
  boost::json::value last_body(const std::string& vendor) {
    std::lock_guard lock(mu_);
    return last_body_[vendor];
  }
  // Streams whose client went away before the end.
  int abandoned() const { return abandoned_; }
  // Streams that ran to their end.
  int completed_streams() const { return completed_; }

  static std::string Answer(const std::string& vendor, int tokens) {
    std::string s = vendor;
    for (int i = 0; i < tokens; ++i) s += " tok" + std::to_string(i);
    return s;
  }

 private:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;

  boost::asio::awaitable<void> Accept() {
    for (;;) {
      auto socket = co_await acceptor_.async_accept(boost::asio::use_awaitable);
      boost::asio::co_spawn(acceptor_.get_executor(), Session(std::move(socket)), boost::asio::detached);
    }
  }

  static std::string VendorOf(std::string_view target) {
    for (const char* v : {"openai", "openrouter", "anthropic", "gemini"}) {
      if (target.substr(1, std::string_view(v).size()) == v) return v;
    }
    return "";
  }

  static bool KeyOk(const std::string& vendor, const Request& req) {
    auto header = [&](const char* name) { return std::string(req[name]); };
    if (vendor == "anthropic") return header("x-api-key") == kKey && !header("anthropic-version").empty();
    if (vendor == "gemini") return header("x-goog-api-key") == kKey;
    return header("Authorization") == std::string("Bearer ") + kKey;
  }

  static std::string Head(int status, const char* type) {
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + type + "\r\nConnection: close\r\n\r\n";
  }

  boost::asio::awaitable<void> Pause(boost::asio::ip::tcp::socket& s, int ms) {
    if (ms <= 0) co_return;
    boost::asio::steady_timer t(s.get_executor(), std::chrono::milliseconds(ms));
    co_await t.async_wait(boost::asio::use_awaitable);
  }

  boost::asio::awaitable<void> Session(boost::asio::ip::tcp::socket socket) {
    boost::beast::flat_buffer buffer;
    try {
      Request req;
      co_await boost::beast::http::async_read(socket, buffer, req, boost::asio::use_awaitable);
      std::string target(req.target());
      std::string vendor = VendorOf(target);
      Behaviour b;
      {
        std::lock_guard lock(mu_);
        b = behaviour_[vendor];
        ++requests_[vendor];
        boost::system::error_code ec;
        last_body_[vendor] = boost::json::parse(req.body(), ec);
      }
      bool stream = target.find("streamGenerateContent") != std::string::npos ||
                    req.body().find("\"stream\":true") != std::string::npos;
      co_await Pause(socket, b.first_byte_ms);
      std::string out;
      if (!KeyOk(vendor, req)) {
        out = Head(401, "application/json") + R"({"error":{"message":"bad key"}})";
      } else if (b.mode == Mode::kStatus) {
        out = Head(b.status, "application/json") + R"({"error":{"message":"fake failure"}})";
      } else if (b.mode == Mode::kGarbage) {
        out = Head(200, stream ? "text/event-stream" : "application/json") +
              (stream ? "data: {not json at all\n\n" : "<html>oops</html>");
      } else if (!stream) {
        out = Head(200, "application/json") + Whole(vendor, b.tokens);
      } else {
        co_await Stream(socket, vendor, b);
        co_return;
      }
      co_await boost::asio::async_write(socket, boost::asio::buffer(out), boost::asio::use_awaitable);
    } catch (const std::exception&) {
    }
    boost::system::error_code ec;
    socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  }

  static std::string Whole(const std::string& v, int tokens) {
    namespace json = boost::json;
    std::string text = Answer(v, tokens);
    if (v == "anthropic") {
      return json::serialize(json::object{{"model", "fake-claude"},
                                          {"content", json::array{json::object{{"type", "text"}, {"text", text}}}},
                                          {"usage", {{"input_tokens", 7}, {"output_tokens", tokens}}}});
    }
    if (v == "gemini") {
      return json::serialize(json::object{
          {"candidates", json::array{json::object{{"content", {{"parts", json::array{json::object{{"text", text}}}}, {"role", "model"}}},
                                                  {"finishReason", "STOP"}}}},
          {"usageMetadata", {{"totalTokenCount", 7 + tokens}}},
          {"modelVersion", "fake-gemini"}});
    }
    return json::serialize(json::object{
        {"model", "fake-" + v},
        {"choices", json::array{json::object{{"index", 0}, {"message", {{"role", "assistant"}, {"content", text}}}}}},
        {"usage", {{"total_tokens", 7 + tokens}}}});
  }

  static std::string Event(const std::string& v, const std::string& piece, bool last) {
    namespace json = boost::json;
    if (v == "anthropic") {
      std::string e = "event: content_block_delta\ndata: " +
                      json::serialize(json::object{{"type", "content_block_delta"}, {"index", 0},
                                                   {"delta", {{"type", "text_delta"}, {"text", piece}}}}) + "\n\n";
      if (last) e += "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
      return e;
    }
    if (v == "gemini") {
      json::object cand{{"content", {{"parts", json::array{json::object{{"text", piece}}}}, {"role", "model"}}}};
      if (last) cand["finishReason"] = "STOP";
      return "data: " + json::serialize(json::object{{"candidates", json::array{cand}}, {"modelVersion", "fake-gemini"}}) +
             "\r\n\r\n";
    }
    std::string e = "data: " +
                    json::serialize(json::object{{"model", "fake-" + v},
                                                 {"choices", json::array{json::object{{"index", 0}, {"delta", {{"content", piece}}}}}}}) +
                    "\n\n";
    if (last) e += "data: [DONE]\n\n";
    return e;
  }

  boost::asio::awaitable<void> Stream(boost::asio::ip::tcp::socket& socket, const std::string& v, Behaviour b) {
    std::string head = Head(200, "text/event-stream");
    if (v == "anthropic") {
      head += "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"fake-claude\",\"usage\":{\"input_tokens\":7}}}\n\n";
    }
    co_await boost::asio::async_write(socket, boost::asio::buffer(head), boost::asio::use_awaitable);
    int cut_at = b.mode == Mode::kCut ? b.tokens / 2 : -1;
    for (int i = 0; i <= b.tokens; ++i) {
      if (i == cut_at) co_return;  // the connection just ends
      std::string piece = i == 0 ? v : " tok" + std::to_string(i - 1);
      bool last = i == b.tokens;
      std::string e = Event(v, piece, last);
      co_await Pause(socket, i == 0 ? 0 : b.token_ms);
      boost::system::error_code ec;
      co_await boost::asio::async_write(socket, boost::asio::buffer(e),
                                        boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (ec) {
        ++abandoned_;
        co_return;
      }
    }
    ++completed_;
    boost::system::error_code ec;
    socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  std::mutex mu_;  // guards the maps
  std::map<std::string, Behaviour> behaviour_;
  std::map<std::string, int> requests_;
  std::map<std::string, boost::json::value> last_body_;
  std::atomic<int> abandoned_{0};
  std::atomic<int> completed_{0};
};

}  // namespace echotune::e2e
