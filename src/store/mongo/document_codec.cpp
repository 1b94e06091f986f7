#include "store/mongo/document_codec.h"

#include <array>
#include <string_view>

#include "core/time_format.h"
#include "store/mongo/json_bson.h"

namespace echotune::store::mongo {
namespace {

namespace json = boost::json;

// Full paths, so dates inside free-form payloads (metadata, spotify_data, ...) stay strings.
constexpr std::array<std::string_view, 11> kDatePaths = {
    "createdAt", "updatedAt", "lastActive",   "tokenExpiresAt",     "playedAt",    "expiresAt",
    "timestamp", "startTime", "lastActivity", "messages.timestamp", "tracks.addedAt"};
constexpr std::array<std::string_view, 2> kIdPaths = {"_id", "userId"};

std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

void AppendEncoded(bson_t* doc, std::string_view key, const json::value& value, const std::string& path);

void AppendEncodedArray(bson_t* doc, std::string_view key, const json::array& array, const std::string& path) {
  AppendArray(doc, key, [&](bson_t* arr) {
    for (uint32_t i = 0; i < array.size(); ++i) AppendEncoded(arr, ArrayKey(i), array[i], path);
  });
}

// A typed string: ObjectId or date where the contract says so, else the string.
bool AppendTypedString(bson_t* doc, std::string_view key, std::string_view s, const std::string& path) {
  if (auto id = IsIdPath(path) ? core::ObjectId::Parse(s) : std::nullopt) {
    AppendOid(doc, key, *id);
    return true;
  }
  if (auto t = IsDatePath(path) ? core::ParseIso8601(s) : std::nullopt) {
    AppendTime(doc, key, *t);
    return true;
  }
  return false;
}

void AppendEncoded(bson_t* doc, std::string_view key, const json::value& value, const std::string& path) {
  if (value.is_string() && AppendTypedString(doc, key, value.get_string(), path)) return;
  if (value.is_array()) return AppendEncodedArray(doc, key, value.get_array(), path);
  if (value.is_object()) {
    return AppendDocument(doc, key, [&](bson_t* child) {
      for (const auto& m : value.get_object()) AppendEncoded(child, m.key(), m.value(), Join(path, m.key()));
    });
  }
  AppendJson(doc, key, value);
}

}  // namespace

bool IsDatePath(const std::string& path) {
  for (auto p : kDatePaths) {
    if (p == path) return true;
  }
  return false;
}

bool IsIdPath(const std::string& path) {
  for (auto p : kIdPaths) {
    if (p == path) return true;
  }
  return false;
}

Bson EncodeDocument(const json::object& object, const std::string& path) {
  Bson doc;
  for (const auto& m : object) AppendEncoded(doc.get(), m.key(), m.value(), Join(path, m.key()));
  return doc;
}

json::value DecodeDocument(BsonView doc) { return JsonFromBson(doc); }

}  // namespace echotune::store::mongo
