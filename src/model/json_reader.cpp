#include "model/json_reader.h"

#include <cmath>

#include "core/time_format.h"

namespace echotune::model {

namespace json = boost::json;

const json::value JsonReader::kNull;

JsonReader::JsonReader(const json::value& value, std::string path)
    : JsonReader(value, std::move(path), std::make_shared<std::optional<core::Error>>()) {
  if (!object_) Fail("", "must be a JSON object");
}

JsonReader::JsonReader(const json::value& value, std::string path,
                       std::shared_ptr<std::optional<core::Error>> error)
    : object_(value.if_object()), path_(std::move(path)), error_(std::move(error)) {}

void JsonReader::Fail(std::string_view key, std::string message) {
  if (error_->has_value()) return;
  std::string field = PathOf(key);
  if (!field.empty() && field.back() == '.') field.pop_back();
  *error_ = core::Error::Validation(field, (field.empty() ? "body" : field) + " " + message);
}

void JsonReader::Missing(std::string_view key) { Fail(key, "is required"); }

core::Status JsonReader::status() const {
  if (error_->has_value()) return **error_;
  return core::Ok();
}

const json::value* JsonReader::Find(std::string_view key) const {
  if (!object_) return nullptr;
  auto it = object_->find(key);
  if (it == object_->end() || it->value().is_null()) return nullptr;
  return &it->value();
}

bool JsonReader::Has(std::string_view key) const { return Find(key) != nullptr; }

std::optional<std::string> JsonReader::OptString(std::string_view key) {
  const json::value* v = Find(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Fail(key, "must be a string");
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::string JsonReader::String(std::string_view key) {
  if (!Has(key)) Missing(key);
  return OptString(key).value_or("");
}

std::optional<double> JsonReader::OptNumber(std::string_view key) {
  const json::value* v = Find(key);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    Fail(key, "must be a number");
    return std::nullopt;
  }
  double d = v->to_number<double>();
  if (!std::isfinite(d)) Fail(key, "must be a finite number");
  return d;
}

double JsonReader::Number(std::string_view key) {
  if (!Has(key)) Missing(key);
  return OptNumber(key).value_or(0.0);
}

std::optional<int64_t> JsonReader::OptInt(std::string_view key) {
  auto d = OptNumber(key);
  if (!d) return std::nullopt;
  if (std::trunc(*d) != *d || std::fabs(*d) > 9.0e15) {
    Fail(key, "must be an integer");
    return std::nullopt;
  }
  const json::value* v = Find(key);
  if (v->is_int64()) return v->get_int64();
  return static_cast<int64_t>(*d);
}

int64_t JsonReader::Int(std::string_view key, int64_t fallback) {
  return OptInt(key).value_or(fallback);
}

bool JsonReader::Bool(std::string_view key, bool fallback) {
  const json::value* v = Find(key);
  if (!v) return fallback;
  if (!v->is_bool()) {
    Fail(key, "must be true or false");
    return fallback;
  }
  return v->get_bool();
}

std::optional<core::TimePoint> JsonReader::OptDate(std::string_view key) {
  auto s = OptString(key);
  if (!s) return std::nullopt;
  auto t = core::ParseIso8601(*s);
  if (!t) Fail(key, "must be an ISO-8601 date");
  return t;
}

core::TimePoint JsonReader::Date(std::string_view key) {
  if (!Has(key)) Missing(key);
  return OptDate(key).value_or(core::TimePoint{});
}

std::optional<core::ObjectId> JsonReader::OptId(std::string_view key) {
  auto s = OptString(key);
  if (!s) return std::nullopt;
  auto id = core::ObjectId::Parse(*s);
  if (!id) Fail(key, "must be a 24-character hex id");
  return id;
}

core::ObjectId JsonReader::Id(std::string_view key) {
  if (!Has(key)) Missing(key);
  return OptId(key).value_or(core::ObjectId{});
}

std::vector<std::string> JsonReader::Strings(std::string_view key) {
  std::vector<std::string> out;
  const json::value* v = Find(key);
  if (!v) return out;
  if (!v->is_array()) {
    Fail(key, "must be an array of strings");
    return out;
  }
  for (const auto& e : v->get_array()) {
    if (!e.is_string()) {
      Fail(key, "must be an array of strings");
      return {};
    }
    out.emplace_back(e.get_string());
  }
  return out;
}

json::object JsonReader::Object(std::string_view key) {
  const json::value* v = Find(key);
  if (!v) return {};
  if (!v->is_object()) {
    Fail(key, "must be an object");
    return {};
  }
  return v->get_object();
}

JsonReader JsonReader::Child(std::string_view key) {
  const json::value* v = Find(key);
  if (v && !v->is_object()) Fail(key, "must be an object");
  const json::value& target = (v && v->is_object()) ? *v : kNull;
  JsonReader child(target, PathOf(key) + ".", error_);
  static const json::value kEmpty = json::object();
  if (!child.object_) child.object_ = &kEmpty.get_object();
  return child;
}

void JsonReader::Each(std::string_view key, const std::function<void(JsonReader&, size_t)>& fn) {
  const json::value* v = Find(key);
  if (!v) return;
  if (!v->is_array()) return Fail(key, "must be an array");
  const auto& arr = v->get_array();
  for (size_t i = 0; i < arr.size() && ok(); ++i) {
    JsonReader element(arr[i], std::string(key) + "[" + std::to_string(i) + "].", error_);
    element.path_ = path_ + element.path_;
    if (!element.object_) return element.Fail("", "must be an object");
    fn(element, i);
  }
}

void PutDate(json::object& o, std::string_view key, core::TimePoint t) {
  o[key] = core::FormatIso8601(t);
}

void PutDate(json::object& o, std::string_view key, const std::optional<core::TimePoint>& t) {
  if (t) PutDate(o, key, *t);
}

void PutString(json::object& o, std::string_view key, const std::optional<std::string>& s) {
  if (s) o[key] = *s;
}

void PutNumber(json::object& o, std::string_view key, const std::optional<double>& v) {
  if (v) o[key] = *v;
}

void PutInt(json::object& o, std::string_view key, const std::optional<int64_t>& v) {
  if (v) o[key] = *v;
}

json::array StringArray(const std::vector<std::string>& values) {
  json::array out;
  out.reserve(values.size());
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

}  // namespace echotune::model
