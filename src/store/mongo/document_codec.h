// The model <-> BSON bridge. Every model type has one JSON form (model::ToJson /
// *FromJson, shared with the SQLite backend and the API); this codec stores
// that form as BSON with native types: "_id"/"userId" as ObjectId and every
// contract date ("createdAt", "playedAt", "tracks.addedAt", "messages.timestamp",
// ...) as a UTC datetime, nested objects and arrays as BSON documents/arrays.
// Decoding turns them back into hex / ISO-8601 for *FromJson. Pure; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>

#include "store/mongo/bson_doc.h"

namespace echotune::store::mongo {

// A model's JSON form as a BSON document. `path` is the dotted location of
// `json` inside its collection's documents ("" for a whole document,
// "messages" for an element of the messages array).
Bson EncodeDocument(const boost::json::object& json, const std::string& path = "");

// A stored document back in the JSON form *FromJson reads.
boost::json::value DecodeDocument(BsonView doc);

// True when the value at dotted `path` (array indices left out) is stored as a
// date / an ObjectId.
bool IsDatePath(const std::string& path);
bool IsIdPath(const std::string& path);

}  // namespace echotune::store::mongo
