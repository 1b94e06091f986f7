// The request a handler sees and the reply it returns. Handlers are thin:
// parse, call one domain function, return a Reply or a core::Error.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "http/response_body.h"

namespace echotune::http {

namespace beast_http = boost::beast::http;
using RawRequest = beast_http::request<beast_http::string_body>;
using RawResponse = beast_http::response<ResponseBody>;

// Who made the request, from a verified JWT.
struct AuthContext {
  std::string user_id;     // 24-hex ObjectId
  std::string spotify_id;
  std::string token_id;    // "jti", for revocation
  long long expires_at_s = 0;
};

struct Request {
  const RawRequest& raw;
  std::string_view path;  // without the query string
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::vector<std::pair<std::string, std::string>> params;  // from the route pattern
  boost::json::value body;  // parsed JSON body; null when there is none
  std::string request_id;
  std::string client_ip;
  std::optional<AuthContext> auth;  // set on routes that require auth

  // First value of a query parameter, or nullopt.
  std::optional<std::string_view> Query(std::string_view name) const;
  // A path parameter; REQUIRES: the route pattern has {name}.
  std::string_view Param(std::string_view name) const;
  std::string_view Header(std::string_view name) const;
};

struct Reply {
  unsigned status = 200;
  boost::json::value data;     // goes into {"success": true, "data": …}
  boost::json::object meta;    // optional "meta"
  // When set, sent as is instead of the envelope (metrics text, HTML, cached JSON).
  std::optional<std::string> raw_body;
  // Like raw_body, but shared rather than copied (a cached body). Wins over raw_body.
  std::shared_ptr<const std::string> shared_body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the body is streamed by this producer (stream_reply.h) and
  // data/raw_body are ignored.
  StreamProducer stream;

  static Reply Json(boost::json::value data, boost::json::object meta = {});
  static Reply Raw(std::string body, std::string content_type);
  // REQUIRES: body non-null.
  static Reply Shared(std::shared_ptr<const std::string> body, std::string content_type);
};

using HandlerResult = core::Result<Reply>;
using Handler = std::function<boost::asio::awaitable<HandlerResult>(Request&)>;

}  // namespace echotune::http
