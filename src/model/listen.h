// Listen: a document of echotune_listening_history (03-DATA-MODELS.md §3).
// The natural key is (userId, trackId, playedAt): the store refuses a second
// listen with the same three values.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/enums.h"

namespace echotune::model {

struct ListenContext {
  std::optional<ContextType> context_type;  // null allowed
  std::optional<std::string> context_uri;
  std::optional<DeviceType> device_type;
};

struct Listen {
  core::ObjectId id;
  core::ObjectId user_id;  // required
  std::string track_id;  // required, non-empty
  std::string track_name;  // required, non-empty
  std::string artist_name;  // required, non-empty
  std::string album_name;  // required in JSON; may be "" (basic exports have no album)
  core::TimePoint played_at{};  // required
  int64_t duration_ms = 0;  // required, >= 0
  std::optional<int64_t> popularity;  // 0–100
  ListenContext context;
  int64_t skip_count = 0;
  int64_t repeat_count = 0;
  core::TimePoint created_at{};
};
using ListeningHistoryEntry = Listen;

// OK, or VALIDATION_ERROR naming the first bad field (prefixed by `prefix`,
// e.g. "listens[3]." for batches).
[[nodiscard]] core::Status Validate(const Listen& listen, std::string_view prefix = "");

boost::json::object ToJson(const Listen& listen);
// Parses (types only). `userId` may be absent when the caller supplies it
// (the API takes it from the token); it is then left zero.
[[nodiscard]] core::Result<Listen> ListenFromJson(const boost::json::value& json);

}  // namespace echotune::model
