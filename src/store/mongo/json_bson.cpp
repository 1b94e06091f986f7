#include "store/mongo/json_bson.h"

#include <boost/json/array.hpp>

#include "core/time_format.h"

namespace echotune::store::mongo {
namespace {

void AppendJsonArray(bson_t* doc, std::string_view key, const boost::json::array& array) {
  AppendArray(doc, key, [&](bson_t* arr) {
    for (uint32_t i = 0; i < array.size(); ++i) AppendJson(arr, ArrayKey(i), array[i]);
  });
}

boost::json::value ElementToJson(const bson_iter_t& it) {
  switch (bson_iter_type(&it)) {
    case BSON_TYPE_UTF8: {
      uint32_t len = 0;
      const char* s = bson_iter_utf8(&it, &len);
      return boost::json::string(std::string_view(s, len));
    }
    case BSON_TYPE_INT32: return static_cast<int64_t>(bson_iter_int32(&it));
    case BSON_TYPE_INT64: return bson_iter_int64(&it);
    case BSON_TYPE_DOUBLE: return bson_iter_double(&it);
    case BSON_TYPE_BOOL: return bson_iter_bool(&it);
    case BSON_TYPE_OID: return boost::json::string(ToObjectId(*bson_iter_oid(&it)).ToHex());
    case BSON_TYPE_DATE_TIME:
      return boost::json::string(core::FormatIso8601(FromBsonMillis(bson_iter_date_time(&it))));
    case BSON_TYPE_DOCUMENT:
    case BSON_TYPE_ARRAY: {
      uint32_t len = 0;
      const uint8_t* data = nullptr;
      bool array = BSON_ITER_HOLDS_ARRAY(&it);
      if (array) bson_iter_array(&it, &len, &data);
      else bson_iter_document(&it, &len, &data);
      return JsonFromBson(BsonView(data, len), array);
    }
    default: return nullptr;  // null, undefined, and types EchoTune never writes
  }
}

}  // namespace

void AppendJson(bson_t* doc, std::string_view key, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: AppendNull(doc, key); break;
    case boost::json::kind::bool_: AppendBool(doc, key, value.get_bool()); break;
    case boost::json::kind::int64: AppendInt(doc, key, value.get_int64()); break;
    case boost::json::kind::uint64:
      if (value.get_uint64() > static_cast<uint64_t>(INT64_MAX)) {
        AppendDouble(doc, key, static_cast<double>(value.get_uint64()));
      } else {
        AppendInt(doc, key, static_cast<int64_t>(value.get_uint64()));
      }
      break;
    case boost::json::kind::double_: AppendDouble(doc, key, value.get_double()); break;
    case boost::json::kind::string: AppendString(doc, key, value.get_string()); break;
    case boost::json::kind::array: AppendJsonArray(doc, key, value.get_array()); break;
    case boost::json::kind::object:
      AppendDocument(doc, key, [&](bson_t* child) { AppendJsonMembers(child, value.get_object()); });
      break;
  }
}

void AppendJsonMembers(bson_t* doc, const boost::json::object& object) {
  for (const auto& member : object) AppendJson(doc, member.key(), member.value());
}

boost::json::value JsonFromBson(BsonView view, bool as_array) {
  bson_iter_t it;
  if (as_array) {
    boost::json::array out;
    if (view.Iter(&it)) {
      while (bson_iter_next(&it)) out.push_back(ElementToJson(it));
    }
    return out;
  }
  boost::json::object out;
  if (view.Iter(&it)) {
    while (bson_iter_next(&it)) out[bson_iter_key(&it)] = ElementToJson(it);
  }
  return out;
}

boost::json::object JsonObjectField(BsonView view, const char* key) {
  auto sub = view.Document(key);
  if (!sub) return {};
  return JsonFromBson(*sub).as_object();
}

}  // namespace echotune::store::mongo
