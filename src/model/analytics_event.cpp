#include "model/analytics_event.h"

#include <cmath>

#include "model/checker.h"
#include "model/json_reader.h"

namespace echotune::model {

namespace json = boost::json;

namespace {

// Metadata is free-form, but numbers in it must still be finite.
bool AllFinite(const json::value& v) {
  if (v.is_double()) return std::isfinite(v.get_double());
  if (const auto* a = v.if_array()) {
    for (const auto& e : *a) {
      if (!AllFinite(e)) return false;
    }
  }
  if (const auto* o = v.if_object()) {
    for (const auto& kv : *o) {
      if (!AllFinite(kv.value())) return false;
    }
  }
  return true;
}

}  // namespace

core::Status Validate(const AnalyticsEvent& e) {
  Checker c;
  if (e.user_id && e.user_id->IsZero()) c.Fail("userId", "userId must be a valid id or null");
  if (e.timestamp == core::TimePoint{}) c.Fail("timestamp", "timestamp is required");
  if (!AllFinite(e.metadata)) c.Fail("metadata", "metadata numbers must be finite");
  return c.Done();
}

json::object ToJson(const AnalyticsEvent& e) {
  json::object o{{"_id", e.id.ToHex()},
                 {"userId", e.user_id ? json::value(e.user_id->ToHex()) : json::value(nullptr)},
                 {"eventType", ToString(e.event_type)},
                 {"metadata", e.metadata}};
  PutDate(o, "timestamp", e.timestamp);
  PutString(o, "sessionId", e.session_id);
  PutDate(o, "createdAt", e.created_at);
  return o;
}

core::Result<AnalyticsEvent> AnalyticsEventFromJson(const json::value& value) {
  JsonReader r(value);
  AnalyticsEvent e;
  e.id = r.OptId("_id").value_or(core::ObjectId{});
  e.user_id = r.OptId("userId");
  e.event_type = r.Enum("eventType", EventType::kTrackPlayed);
  e.timestamp = r.Date("timestamp");
  e.metadata = r.Object("metadata");
  e.session_id = r.OptString("sessionId");
  e.created_at = r.OptDate("createdAt").value_or(core::TimePoint{});
  if (!r.ok()) return r.status().error();
  return e;
}

}  // namespace echotune::model
