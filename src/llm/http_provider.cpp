#include "llm/http_provider.h"

#include <boost/json/parse.hpp>

namespace echotune::llm {

namespace json = boost::json;
using boost::asio::awaitable;

namespace {

const json::value* At(const json::value& v, std::initializer_list<std::string_view> path) {
  const json::value* cur = &v;
  for (auto key : path) {
    if (cur->is_object()) {
      cur = cur->as_object().if_contains(key);
    } else if (cur->is_array() && !key.empty() && key[0] >= '0' && key[0] <= '9') {
      size_t i = std::stoul(std::string(key));
      cur = i < cur->as_array().size() ? &cur->as_array()[i] : nullptr;
    } else {
      cur = nullptr;
    }
    if (!cur) return nullptr;
  }
  return cur;
}

// Shared by the curl thread (chunks) and the coroutine (after the transfer ended).
struct StreamState {
  SseParser parser;
  std::string text;
  std::string model;
  int64_t tokens = 0;
  bool done = false;
  bool bad = false;
};

}  // namespace

std::string StringAt(const json::value& v, std::initializer_list<std::string_view> path) {
  const json::value* x = At(v, path);
  return x && x->is_string() ? std::string(x->as_string()) : std::string();
}

int64_t IntAt(const json::value& v, std::initializer_list<std::string_view> path) {
  const json::value* x = At(v, path);
  if (!x) return 0;
  if (x->is_int64()) return x->as_int64();
  if (x->is_uint64()) return static_cast<int64_t>(x->as_uint64());
  return 0;
}

HttpProvider::HttpProvider(ProviderConfig config, spotify::AsyncHttpClient& http)
    : config_(std::move(config)), http_(http) {}

core::Error HttpProvider::FromHttp(const core::Error& e) const {
  std::string reason = "unreachable";
  if (const auto* r = e.details.if_contains("reason"); r && r->is_string()) {
    reason = std::string(r->as_string());
  }
  return Fail(reason, reason == "cancelled" ? "call cancelled" : "no answer (" + reason + ")");
}

core::Error HttpProvider::FromStatus(const spotify::HttpResponse& r) const {
  if (r.status == 429) return Fail("rate_limited", "rate limited (429)");
  return Fail("http_" + std::to_string(r.status), "answered HTTP " + std::to_string(r.status));
}

awaitable<core::Result<LlmReply>> HttpProvider::Complete(const LlmRequest& request,
                                                         const StreamSink* stream) {
  const bool streaming = stream != nullptr;
  spotify::HttpRequest http_request = BuildRequest(request, streaming);
  auto state = std::make_shared<StreamState>();
  std::string whole;  // non-streamed: the body
  spotify::StreamOptions options;
  options.cancel = request.cancel;
  options.first_byte_timeout = config_.first_token_timeout;
  options.timeout = config_.timeout;
  if (streaming) {
    options.on_chunk = [this, state, stream](std::string_view chunk) {
      for (const SseEvent& e : state->parser.Feed(chunk)) {
        EventOutcome o = ParseEvent(e);
        if (o.bad) {
          state->bad = true;
          return false;
        }
        if (o.tokens) state->tokens = o.tokens;
        if (!o.model.empty()) state->model = o.model;
        if (!o.delta.empty()) {
          state->text += o.delta;
          if (!stream->delta(o.delta)) return false;
        }
        if (o.done) state->done = true;
      }
      return true;
    };
  } else {
    options.on_chunk = [&whole](std::string_view chunk) {
      whole.append(chunk);
      return true;
    };
  }
  auto res = co_await http_.SendStreaming(http_request, options);
  if (state->bad) co_return Fail("garbage", "sent a stream event that does not parse");
  if (!res.ok()) co_return FromHttp(res.error());
  if (res->status < 200 || res->status >= 300) co_return FromStatus(*res);
  if (!streaming) {
    boost::system::error_code ec;
    json::value body = json::parse(whole, ec);
    if (ec) co_return Fail("garbage", "answered something that is not JSON");
    auto reply = ParseReply(body);
    if (reply.ok() && reply->text.empty()) co_return Fail("empty", "answered no text");
    co_return reply;
  }
  if (!state->done) co_return Fail("stream_cut", "stream ended before its end marker");
  if (state->text.empty()) co_return Fail("empty", "streamed no text");
  co_return LlmReply{state->text, state->model.empty() ? ModelOf(request) : state->model, state->tokens};
}

}  // namespace echotune::llm
