#include "api/model_change.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <optional>

#include "core/json_write.h"
#include "core/object_id.h"

namespace echotune::api {
namespace {

namespace json = boost::json;

std::string_view FeedbackName(recs::Feedback f) {
  switch (f) {
    case recs::Feedback::kLike: return "like";
    case recs::Feedback::kDislike: return "dislike";
    case recs::Feedback::kSave: return "save";
    case recs::Feedback::kNone: break;
  }
  return "none";
}

std::optional<recs::Feedback> FeedbackFrom(std::string_view name) {
  if (name == "none") return recs::Feedback::kNone;
  if (name == "like") return recs::Feedback::kLike;
  if (name == "dislike") return recs::Feedback::kDislike;
  if (name == "save") return recs::Feedback::kSave;
  return std::nullopt;
}

std::optional<int64_t> Int(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v && v->is_int64()) return v->as_int64();
  if (v && v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    return static_cast<int64_t>(v->as_uint64());
  }
  return std::nullopt;
}

core::Result<recs::Interaction> DecodeEvent(const json::value& v, const std::string& user_id) {
  if (!v.is_object()) return core::Error::Validation("events", "each event must be an object");
  const json::object& o = v.as_object();
  const json::value* track = o.if_contains("trackId");
  const json::value* skipped = o.if_contains("skipped");
  const json::value* feedback = o.if_contains("feedback");
  auto played_at = Int(o, "playedAt");
  auto repeats = Int(o, "repeatCount");
  auto plays = Int(o, "playCount");
  if (!track || !track->is_string() || track->as_string().empty()) {
    return core::Error::Validation("trackId", "trackId must be a non-empty string");
  }
  if (!played_at) return core::Error::Validation("playedAt", "playedAt must be an integer");
  if (!skipped || !skipped->is_bool()) return core::Error::Validation("skipped", "skipped must be a boolean");
  if (!repeats || *repeats < 0 || *repeats > INT32_MAX) return core::Error::Validation("repeatCount", "bad count");
  if (!plays || *plays < 0 || *plays > INT32_MAX) return core::Error::Validation("playCount", "bad count");
  auto fb = feedback && feedback->is_string() ? FeedbackFrom(feedback->as_string()) : std::nullopt;
  if (!fb) return core::Error::Validation("feedback", "feedback must be none, like, dislike or save");
  return recs::Interaction{.user_id = user_id,
                           .track_id = std::string(track->as_string()),
                           .played_at_ms = *played_at,
                           .skipped = skipped->as_bool(),
                           .repeat_count = static_cast<int>(*repeats),
                           .play_count = static_cast<int>(*plays),
                           .feedback = *fb};
}

}  // namespace

std::string EncodeModelChange(const ModelChange& change) {
  json::array events;
  for (const auto& e : change.events) {
    events.push_back(json::object{{"trackId", e.track_id},
                                  {"playedAt", e.played_at_ms},
                                  {"skipped", e.skipped},
                                  {"repeatCount", e.repeat_count},
                                  {"playCount", e.play_count},
                                  {"feedback", FeedbackName(e.feedback)}});
  }
  return core::JsonWrite(
      json::object{{"origin", change.origin}, {"userId", change.user_id}, {"events", std::move(events)}});
}

core::Result<ModelChange> DecodeModelChange(std::string_view payload) {
  boost::system::error_code ec;
  json::value v = json::parse(payload, ec);
  if (ec || !v.is_object()) return core::Error::Validation("payload", "not a JSON object");
  const json::object& o = v.as_object();
  const json::value* origin = o.if_contains("origin");
  const json::value* user = o.if_contains("userId");
  const json::value* events = o.if_contains("events");
  if (!origin || !origin->is_string()) return core::Error::Validation("origin", "origin must be a string");
  if (!user || !user->is_string() || !core::ObjectId::Parse(user->as_string())) {
    return core::Error::Validation("userId", "userId must be an ObjectId");
  }
  if (!events || !events->is_array()) return core::Error::Validation("events", "events must be an array");
  ModelChange change{.origin = std::string(origin->as_string()), .user_id = std::string(user->as_string()), .events = {}};
  for (const auto& e : events->as_array()) {
    auto event = DecodeEvent(e, change.user_id);
    if (!event.ok()) return std::move(event).error();
    change.events.push_back(std::move(event).value());
  }
  return change;
}

}  // namespace echotune::api
