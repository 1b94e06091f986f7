#include "http/json_body.h"

#include <boost/json/parse.hpp>

namespace echotune::http {
namespace {

bool Forbidden(std::string_view key) {
  return (!key.empty() && key.front() == '$') || key.find('.') != std::string_view::npos;
}

std::string Join(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

std::string Find(const boost::json::value& v, const std::string& prefix) {
  if (const auto* obj = v.if_object()) {
    for (const auto& kv : *obj) {
      if (Forbidden(kv.key())) return Join(prefix, kv.key());
      if (auto inner = Find(kv.value(), Join(prefix, kv.key())); !inner.empty()) return inner;
    }
  } else if (const auto* arr = v.if_array()) {
    for (size_t i = 0; i < arr->size(); ++i) {
      auto inner = Find((*arr)[i], prefix + "[" + std::to_string(i) + "]");
      if (!inner.empty()) return inner;
    }
  }
  return {};
}

}  // namespace

std::string FindForbiddenKey(const boost::json::value& v) { return Find(v, ""); }

core::Result<boost::json::value> ParseJsonBody(std::string_view text) {
  boost::json::parse_options opts;
  opts.max_depth = 32;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec, {}, opts);
  if (ec) return core::Error::Validation("body", "Request body is not valid JSON: " + ec.message());
  if (auto key = FindForbiddenKey(v); !key.empty()) {
    return core::Error::Validation(key, "Key '" + key + "' is not allowed: keys may not start "
                                        "with '$' or contain '.'");
  }
  return v;
}

}  // namespace echotune::http
