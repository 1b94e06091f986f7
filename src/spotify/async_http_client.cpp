#include "spotify/async_http_client.h"

#include <curl/curl.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "spotify/completion.h"

namespace echotune::spotify {
namespace {

namespace asio = boost::asio;

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// What a transfer ends with (default-constructible for Completion).
struct Outcome {
  bool ok = false;
  std::string error;   // when !ok
  std::string reason;  // when !ok: "cancelled", "first_byte_timeout", "timeout" or ""
  HttpResponse response;
};

struct Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  HttpRequest request;
  HttpResponse response;
  Completion<Outcome> done;
  char error[CURL_ERROR_SIZE] = {};
  // Streamed calls only (stream.on_chunk set).
  StreamOptions stream;
  std::chrono::steady_clock::time_point started;
  bool got_body = false;
  const char* abort_reason = nullptr;  // why a callback stopped the transfer
  uint64_t serial = 0;                 // tells a reused easy handle's transfers apart
  std::unique_ptr<boost::asio::steady_timer> watch;  // cancel / first-byte checks
};

size_t AppendBody(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// Streamed calls: a 2xx body goes to the caller, anything else is kept.
size_t StreamBody(char* data, size_t size, size_t n, void* out) {
  auto* t = static_cast<Transfer*>(out);
  t->got_body = true;
  long status = 0;
  curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status >= 300) {
    t->response.body.append(data, size * n);
    return size * n;
  }
  if (!t->stream.on_chunk(std::string_view(data, size * n))) {
    t->abort_reason = "cancelled";
    return 0;
  }
  return size * n;
}

size_t ReadHeader(char* data, size_t size, size_t n, void* out) {
  if (auto s = RetryAfterFromHeaderLine(std::string_view(data, size * n))) {
    *static_cast<std::optional<long>*>(out) = s;
  }
  return size * n;
}

core::Error Unavailable(const std::string& url, std::string why, const std::string& reason = "") {
  core::Error e{core::ErrorCode::kUnavailable, "Spotify is unreachable: " + why, {}};
  e.details["url"] = url;
  if (!reason.empty()) e.details["reason"] = reason;
  return e;
}

}  // namespace

// Everything below runs on the engine's own thread, except Start (posts
// there) and the destructor (after that thread has been joined).
class AsyncHttpClient::Engine {
 public:
  explicit Engine(HttpClientOptions options)
      : options_(options), work_(asio::make_work_guard(io_)), timer_(io_) {
    GlobalInitOnce();
    multi_ = curl_multi_init();
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &Engine::OnSocket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &Engine::OnTimer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, 1024L);  // idle keep-alive connections kept
    thread_ = std::thread([this] { io_.run(); });
  }

  ~Engine() {
    asio::post(io_, [this] {
      for (auto& [easy, t] : transfers_) Finish(*t, Outcome{.error = "shutting down"});
      transfers_.clear();
      curl_multi_cleanup(multi_);  // closes the cached connections through OnClose
      multi_ = nullptr;
      for (auto& [fd, s] : sockets_) Release(*s);
      sockets_.clear();
      timer_.cancel();
      work_.reset();
    });
    thread_.join();
    for (CURL* e : idle_easy_) curl_easy_cleanup(e);
  }

  // Copies the request at once (the caller's may go away); the transfer
  // starts on the engine's thread.
  void Start(const HttpRequest& request, Completion<Outcome> done,
             const StreamOptions* stream = nullptr) {
    in_flight_.fetch_add(1);
    auto* t = new Transfer;
    t->request = request;
    t->done = std::move(done);
    if (stream) t->stream = *stream;
    asio::post(io_, [this, t] { Add(std::unique_ptr<Transfer>(t)); });
  }

  int in_flight() const { return in_flight_.load(); }

 private:
  struct Socket {
    Socket(asio::io_context& io, int fd) : sd(io, fd) {}
    asio::posix::stream_descriptor sd;
    int want = 0;  // CURL_POLL_IN / OUT / INOUT
    bool reading = false, writing = false;
    unsigned generation = 0;  // bumped whenever pending waits are abandoned
  };

  void Add(std::unique_ptr<Transfer> t) {
    if (!multi_) return Finish(*t, Outcome{.error = "shutting down"});
    t->easy = TakeEasy();
    Configure(*t);
    CURL* easy = t->easy;
    transfers_.emplace(easy, std::move(t));
    if (curl_multi_add_handle(multi_, easy) != CURLM_OK) {
      auto node = transfers_.extract(easy);
      Finish(*node.mapped(), Outcome{.error = "curl_multi_add_handle failed"});
      return;
    }
    Transfer& added = *transfers_.at(easy);
    if (added.stream.on_chunk) {
      added.serial = ++serials_;
      added.watch = std::make_unique<asio::steady_timer>(io_);
      WatchStream(easy, added.serial);
    }
  }

  // Every 50 ms while a streamed transfer runs: the caller's cancel flag and
  // the first-byte deadline (libcurl has no timer of its own for either).
  void WatchStream(CURL* easy, uint64_t serial) {
    auto it = transfers_.find(easy);
    if (it == transfers_.end() || it->second->serial != serial) return;
    Transfer& t = *it->second;
    const char* why = nullptr;
    if (t.stream.cancel && t.stream.cancel->load()) {
      why = "cancelled";
    } else if (!t.got_body && std::chrono::steady_clock::now() - t.started > t.stream.first_byte_timeout) {
      why = "first_byte_timeout";
    }
    if (why) {
      auto node = transfers_.extract(easy);
      Finish(*node.mapped(), Outcome{.error = why, .reason = why});
      return;
    }
    t.watch->expires_after(std::chrono::milliseconds(50));
    t.watch->async_wait([this, easy, serial](boost::system::error_code ec) {
      if (!ec) WatchStream(easy, serial);
    });
  }

  CURL* TakeEasy() {
    if (idle_easy_.empty()) return curl_easy_init();
    CURL* e = idle_easy_.back();
    idle_easy_.pop_back();
    curl_easy_reset(e);
    return e;
  }

  void Configure(Transfer& t) {
    CURL* h = t.easy;
    const HttpRequest& r = t.request;
    for (const auto& [name, value] : r.headers) {
      t.headers = curl_slist_append(t.headers, (name + ": " + value).c_str());
    }
    t.headers = curl_slist_append(t.headers, "Expect:");  // no 100-continue round trip
    curl_easy_setopt(h, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(h, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, t.headers);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t.error);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, AppendBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &t.response.body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, ReadHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &t.response.retry_after_s);
    curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, &Engine::OnClose);
    curl_easy_setopt(h, CURLOPT_CLOSESOCKETDATA, this);
    if (t.stream.on_chunk) ConfigureStream(t);
    if (r.method != "GET") {
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(r.body.size()));
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, r.body.c_str());
      if (r.method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
  }

  static void ConfigureStream(Transfer& t) {
    CURL* h = t.easy;
    t.started = std::chrono::steady_clock::now();
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(t.stream.timeout.count()));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, StreamBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  }

  void Finish(Transfer& t, Outcome outcome) {
    if (t.headers) curl_slist_free_all(t.headers);
    t.headers = nullptr;
    if (t.easy) {
      if (multi_) curl_multi_remove_handle(multi_, t.easy);
      if (idle_easy_.size() < 256) {
        idle_easy_.push_back(t.easy);
      } else {
        curl_easy_cleanup(t.easy);
      }
      t.easy = nullptr;
    }
    in_flight_.fetch_sub(1);
    t.done(std::move(outcome));
  }

  void CheckDone() {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      CURLcode rc = msg->data.result;
      auto node = transfers_.extract(easy);
      if (node.empty()) continue;
      Transfer& t = *node.mapped();
      Outcome o;
      if (rc == CURLE_OK) {
        o.ok = true;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &t.response.status);
        o.response = std::move(t.response);
      } else {
        o.error = t.error[0] ? t.error : curl_easy_strerror(rc);
        if (t.abort_reason) o.reason = t.abort_reason;
        if (rc == CURLE_OPERATION_TIMEDOUT) o.reason = "timeout";
      }
      Finish(t, std::move(o));
    }
  }

  void Action(curl_socket_t fd, int events) {
    if (!multi_) return;
    int running = 0;
    curl_multi_socket_action(multi_, fd, events, &running);
    CheckDone();
  }

  void Arm(curl_socket_t fd, const std::shared_ptr<Socket>& s) {
    if ((s->want & CURL_POLL_IN) && !s->reading) {
      s->reading = true;
      s->sd.async_wait(asio::posix::stream_descriptor::wait_read,
                       [this, fd, s, gen = s->generation](boost::system::error_code ec) {
                         if (gen != s->generation) return;
                         s->reading = false;
                         if (ec) return;
                         Action(fd, CURL_CSELECT_IN);
                         if (gen == s->generation) Arm(fd, s);
                       });
    }
    if ((s->want & CURL_POLL_OUT) && !s->writing) {
      s->writing = true;
      s->sd.async_wait(asio::posix::stream_descriptor::wait_write,
                       [this, fd, s, gen = s->generation](boost::system::error_code ec) {
                         if (gen != s->generation) return;
                         s->writing = false;
                         if (ec) return;
                         Action(fd, CURL_CSELECT_OUT);
                         if (gen == s->generation) Arm(fd, s);
                       });
    }
  }

  // Abandons pending waits (their handlers see a new generation and stop).
  static void Abandon(Socket& s) {
    ++s.generation;
    s.reading = s.writing = false;
    boost::system::error_code ec;
    s.sd.cancel(ec);
  }

  // Forgets the descriptor without closing it (curl owns it).
  static void Release(Socket& s) {
    Abandon(s);
    s.sd.release();
  }

  static int OnSocket(CURL*, curl_socket_t fd, int what, void* self_ptr, void*) {
    auto* self = static_cast<Engine*>(self_ptr);
    auto it = self->sockets_.find(fd);
    if (what == CURL_POLL_REMOVE) {
      if (it != self->sockets_.end()) {
        it->second->want = 0;
        Abandon(*it->second);
      }
      return 0;
    }
    if (it == self->sockets_.end()) {
      it = self->sockets_.emplace(fd, std::make_shared<Socket>(self->io_, fd)).first;
    }
    auto s = it->second;
    if (s->want != what) {
      Abandon(*s);  // waits for a direction curl no longer wants must not fire
      s->want = what;
    }
    self->Arm(fd, s);
    return 0;
  }

  static int OnClose(void* self_ptr, curl_socket_t fd) {
    auto* self = static_cast<Engine*>(self_ptr);
    if (auto it = self->sockets_.find(fd); it != self->sockets_.end()) {
      Release(*it->second);
      self->sockets_.erase(it);
    }
    return ::close(fd);
  }

  static int OnTimer(CURLM*, long timeout_ms, void* self_ptr) {
    auto* self = static_cast<Engine*>(self_ptr);
    if (timeout_ms < 0) {
      self->timer_.cancel();
      return 0;
    }
    self->timer_.expires_after(std::chrono::milliseconds(timeout_ms));
    self->timer_.async_wait([self](boost::system::error_code ec) {
      if (!ec) self->Action(CURL_SOCKET_TIMEOUT, 0);
    });
    return 0;
  }

  const HttpClientOptions options_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  asio::steady_timer timer_;
  CURLM* multi_ = nullptr;
  std::unordered_map<curl_socket_t, std::shared_ptr<Socket>> sockets_;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers_;
  std::vector<CURL*> idle_easy_;
  uint64_t serials_ = 0;
  std::atomic<int> in_flight_{0};
  std::thread thread_;
};

AsyncHttpClient::AsyncHttpClient(HttpClientOptions options)
    : engine_(std::make_unique<Engine>(options)) {}

AsyncHttpClient::~AsyncHttpClient() = default;

int AsyncHttpClient::in_flight() const { return engine_->in_flight(); }

boost::asio::awaitable<core::Result<HttpResponse>> AsyncHttpClient::Send(const HttpRequest& request) {
  std::string url = request.url;
  // The initiation runs before this coroutine suspends: `request` is alive.
  Outcome o = co_await AwaitCompletion<Outcome>(
      [this, &request](Completion<Outcome> done) { engine_->Start(request, std::move(done)); });
  if (!o.ok) co_return Unavailable(url, std::move(o.error));
  co_return std::move(o.response);
}

boost::asio::awaitable<core::Result<HttpResponse>> AsyncHttpClient::SendStreaming(
    const HttpRequest& request, const StreamOptions& options) {
  std::string url = request.url;
  Outcome o = co_await AwaitCompletion<Outcome>([this, &request, &options](Completion<Outcome> done) {
    engine_->Start(request, std::move(done), &options);
  });
  if (!o.ok) co_return Unavailable(url, std::move(o.error), o.reason);
  co_return std::move(o.response);
}

}  // namespace echotune::spotify
