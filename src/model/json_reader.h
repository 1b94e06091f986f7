// JsonReader: reads typed fields out of a JSON object for the FromJson functions,
// keeping the first type error as a VALIDATION_ERROR naming the full field path
// ("context.device_type", "tracks[2].score"). Readers made by Child()/Element()
// share the parent's error, so one status() covers a whole document.
// Missing and null are the same for optional fields. Not thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/enums.h"

namespace echotune::model {

class JsonReader {
 public:
  // `path` is the prefix of every field this reader names ("" at the top).
  // REQUIRES: `value` outlives the reader (it is not copied).
  explicit JsonReader(const boost::json::value& value, std::string path = "");
  // Would bind to a temporary json::value converted from the object.
  JsonReader(const boost::json::object&, std::string = "") = delete;

  std::string String(std::string_view key);  // required
  std::optional<std::string> OptString(std::string_view key);
  std::optional<double> OptNumber(std::string_view key);
  double Number(std::string_view key);  // required
  std::optional<int64_t> OptInt(std::string_view key);  // integral numbers only
  int64_t Int(std::string_view key, int64_t fallback);  // missing -> fallback
  bool Bool(std::string_view key, bool fallback);  // missing -> fallback
  std::optional<core::TimePoint> OptDate(std::string_view key);  // ISO-8601 string
  core::TimePoint Date(std::string_view key);  // required
  std::optional<core::ObjectId> OptId(std::string_view key);  // 24 hex chars
  core::ObjectId Id(std::string_view key);  // required
  std::vector<std::string> Strings(std::string_view key);  // missing -> empty
  boost::json::object Object(std::string_view key);  // missing -> empty, copied
  bool Has(std::string_view key) const;

  template <typename E>
  std::optional<E> OptEnum(std::string_view key) {
    auto s = OptString(key);
    if (!s) return std::nullopt;
    auto e = FromString<E>(*s);
    if (!e) Fail(key, "must be one of: " + AllowedValues<E>());
    return e;
  }
  template <typename E>
  E Enum(std::string_view key, E fallback) {
    if (!Has(key)) {
      Missing(key);
      return fallback;
    }
    return OptEnum<E>(key).value_or(fallback);
  }

  // A reader for a nested object (missing -> an empty object).
  JsonReader Child(std::string_view key);
  // Calls fn(reader, index) for each element of an array of objects.
  void Each(std::string_view key, const std::function<void(JsonReader&, size_t)>& fn);

  // Records a problem with `key` (the first one wins).
  void Fail(std::string_view key, std::string message);
  void Missing(std::string_view key);
  std::string PathOf(std::string_view key) const { return path_ + std::string(key); }
  bool ok() const { return !error_->has_value(); }
  [[nodiscard]] core::Status status() const;

 private:
  JsonReader(const boost::json::value& value, std::string path,
             std::shared_ptr<std::optional<core::Error>> error);
  const boost::json::value* Find(std::string_view key) const;

  static const boost::json::value kNull;
  const boost::json::object* object_ = nullptr;  // not owned; null if not an object
  std::string path_;
  std::shared_ptr<std::optional<core::Error>> error_;
};

// Writers for the ToJson functions: dates as ISO-8601, absent optionals omitted.
void PutDate(boost::json::object& o, std::string_view key, core::TimePoint t);
void PutDate(boost::json::object& o, std::string_view key, const std::optional<core::TimePoint>& t);
void PutString(boost::json::object& o, std::string_view key, const std::optional<std::string>& s);
void PutNumber(boost::json::object& o, std::string_view key, const std::optional<double>& v);
void PutInt(boost::json::object& o, std::string_view key, const std::optional<int64_t>& v);
boost::json::array StringArray(const std::vector<std::string>& values);

template <typename E>
void PutEnum(boost::json::object& o, std::string_view key, const std::optional<E>& e) {
  if (e) o[key] = ToString(*e);
}

}  // namespace echotune::model
