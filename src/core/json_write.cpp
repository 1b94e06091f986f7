#include "core/json_write.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <charconv>
#include <cmath>

#include "core/utf8.h"

namespace echotune::core {
namespace {

void WriteDouble(double d, std::string& out) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buf[64];
  double a = std::fabs(d);
  auto fmt = (a == 0 || (a >= 1e-6 && a < 1e21)) ? std::chars_format::fixed
                                                 : std::chars_format::scientific;
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, fmt);
  out.append(buf, end);
}

void WriteString(std::string_view s, std::string& out) {
  out += boost::json::serialize(boost::json::string_view(s.data(), s.size()));
}

}  // namespace

void JsonWriteTo(const boost::json::value& v, std::string& out) {
  switch (v.kind()) {
    case boost::json::kind::null: out += "null"; break;
    case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case boost::json::kind::int64: out += std::to_string(v.get_int64()); break;
    case boost::json::kind::uint64: out += std::to_string(v.get_uint64()); break;
    case boost::json::kind::double_: WriteDouble(v.get_double(), out); break;
    case boost::json::kind::string: WriteString(v.get_string(), out); break;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        JsonWriteTo(e, out);
      }
      out += ']';
      break;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ',';
        first = false;
        WriteString(kv.key(), out);
        out += ':';
        JsonWriteTo(kv.value(), out);
      }
      out += '}';
      break;
    }
  }
}

std::string JsonQuote(std::string_view text) {
  if (IsValidUtf8(text)) return boost::json::serialize(boost::json::string(text));
  return boost::json::serialize(boost::json::string(ToValidUtf8(text)));
}

std::string JsonWrite(const boost::json::value& v) {
  std::string out;
  out.reserve(256);
  JsonWriteTo(v, out);
  return out;
}

double RoundTo(double x, int decimals) {
  double p = std::pow(10.0, decimals);
  return std::round(x * p) / p;
}

}  // namespace echotune::core
