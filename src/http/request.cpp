#include "http/request.h"

#include <boost/beast/core/string.hpp>

namespace echotune::http {

std::optional<std::string_view> Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::string_view Request::Param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return {};
}

std::string_view Request::Header(std::string_view name) const {
  auto it = raw.find(name);
  return it == raw.end() ? std::string_view() : std::string_view(it->value());
}

Reply Reply::Json(boost::json::value data, boost::json::object meta) {
  Reply r;
  r.data = std::move(data);
  r.meta = std::move(meta);
  return r;
}

Reply Reply::Raw(std::string body, std::string content_type) {
  Reply r;
  r.raw_body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

Reply Reply::Shared(std::shared_ptr<const std::string> body, std::string content_type) {
  Reply r;
  r.shared_body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

}  // namespace echotune::http
