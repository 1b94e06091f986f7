#include "http/envelope.h"

#include "core/json_write.h"

namespace echotune::http {

std::string SuccessBody(const boost::json::value& data, const boost::json::object& meta) {
  std::string out = R"({"success":true,"data":)";
  core::JsonWriteTo(data, out);
  if (!meta.empty()) {
    out += R"(,"meta":)";
    core::JsonWriteTo(meta, out);
  }
  out += '}';
  return out;
}

std::string ErrorBody(const core::Error& error, std::string_view request_id) {
  boost::json::object body;
  body["success"] = false;
  body["error"] = error.message;
  body["code"] = core::ToString(error.code);
  boost::json::object details = error.details;
  details["requestId"] = request_id;
  body["details"] = std::move(details);
  return core::JsonWrite(body);
}

RawResponse ErrorResponse(const core::Error& error, std::string_view request_id,
                          unsigned http_version, bool keep_alive) {
  RawResponse res{static_cast<beast_http::status>(core::HttpStatus(error.code)), http_version};
  res.set(beast_http::field::content_type, "application/json; charset=utf-8");
  res.body() = ErrorBody(error, request_id);
  // RATE_LIMITED from anywhere (our limiter, Spotify, an LLM provider) tells
  // the client when to come back, in the header as well as in details.
  if (error.code == core::ErrorCode::kRateLimited) {
    if (const auto* after = error.details.if_contains("retryAfter"); after && after->is_int64()) {
      res.set(beast_http::field::retry_after, std::to_string(after->as_int64()));
    }
  }
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

RawResponse ReplyResponse(Reply reply, unsigned http_version, bool keep_alive) {
  RawResponse res{static_cast<beast_http::status>(reply.status), http_version};
  if (reply.stream) {
    res.set(beast_http::field::content_type, reply.content_type);
    res.body().SetStream(std::move(reply.stream));
  } else if (reply.shared_body) {
    res.set(beast_http::field::content_type, reply.content_type);
    res.body().Share(std::move(reply.shared_body));
  } else if (reply.raw_body) {
    res.set(beast_http::field::content_type, reply.content_type);
    res.body() = std::move(*reply.raw_body);
  } else if (reply.status != 204) {
    res.set(beast_http::field::content_type, "application/json; charset=utf-8");
    res.body() = SuccessBody(reply.data, reply.meta);
  }
  for (auto& [name, value] : reply.headers) res.set(name, value);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

}  // namespace echotune::http
