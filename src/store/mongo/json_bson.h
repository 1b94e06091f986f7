// Free-form JSON payloads (metadata, target_features, spotify_data, ...) as BSON
// and back. Numbers keep their kind (int64 / uint64 / double); ObjectIds read
// back as 24-hex strings and dates as ISO-8601 strings, the wire forms of
// SYSTEM.md §2. Pure functions; thread-safe.
#pragma once

#include <bson/bson.h>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string_view>

#include "store/mongo/bson_doc.h"

namespace echotune::store::mongo {

// Appends `value` under `key`.
void AppendJson(bson_t* doc, std::string_view key, const boost::json::value& value);
// Appends every member of `object` to `doc`.
void AppendJsonMembers(bson_t* doc, const boost::json::object& object);

// Converts a whole document (or, with as_array, an array) to JSON.
boost::json::value JsonFromBson(BsonView view, bool as_array = false);
// The object stored under `key`, or an empty object when missing.
boost::json::object JsonObjectField(BsonView view, const char* key);

}  // namespace echotune::store::mongo
