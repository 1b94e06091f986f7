#include "spotify/curl_client.h"

#include <curl/curl.h>

#include <cctype>
#include <charconv>
#include <memory>
#include <mutex>

namespace echotune::spotify {
namespace {

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t AppendBody(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// Header lines arrive one at a time; only Retry-After matters here.
size_t ReadHeader(char* data, size_t size, size_t n, void* out) {
  if (auto s = RetryAfterFromHeaderLine(std::string_view(data, size * n))) {
    *static_cast<std::optional<long>*>(out) = s;
  }
  return size * n;
}

core::Error Unavailable(const std::string& url, const char* why) {
  core::Error e{core::ErrorCode::kUnavailable, "Spotify is unreachable: " + std::string(why), {}};
  e.details["url"] = url;
  return e;
}

}  // namespace

CurlClient::CurlClient(std::chrono::milliseconds timeout, std::chrono::milliseconds connect_timeout)
    : timeout_(timeout), connect_timeout_(connect_timeout) {
  GlobalInitOnce();
}

core::Result<HttpResponse> CurlClient::Send(const HttpRequest& request) const {
  std::unique_ptr<CURL, EasyDeleter> h(curl_easy_init());
  if (!h) return Unavailable(request.url, "curl_easy_init failed");
  std::unique_ptr<curl_slist, ListDeleter> headers;
  for (const auto& [name, value] : request.headers) {
    std::string line = name + ": " + value;
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  }
  HttpResponse response;
  curl_easy_setopt(h.get(), CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(h.get(), CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout_.count()));
  curl_easy_setopt(h.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(h.get(), CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(h.get(), CURLOPT_HEADERFUNCTION, ReadHeader);
  curl_easy_setopt(h.get(), CURLOPT_HEADERDATA, &response.retry_after_s);
  if (request.method == "POST") {
    curl_easy_setopt(h.get(), CURLOPT_POST, 1L);
    curl_easy_setopt(h.get(), CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(h.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  } else if (request.method != "GET") {
    curl_easy_setopt(h.get(), CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  CURLcode rc = curl_easy_perform(h.get());
  if (rc != CURLE_OK) return Unavailable(request.url, curl_easy_strerror(rc));
  curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

std::optional<long> RetryAfterFromHeaderLine(std::string_view line) {
  constexpr std::string_view kName = "retry-after:";
  if (line.size() <= kName.size()) return std::nullopt;
  for (size_t i = 0; i < kName.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != kName[i]) return std::nullopt;
  }
  auto value = line.substr(kName.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  long s = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), s);
  if (ec != std::errc() || p == value.data()) return std::nullopt;
  return s;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out.push_back('&');
    out += UrlEncode(name) + "=" + UrlEncode(value);
  }
  return out;
}

}  // namespace echotune::spotify
