#include "model/recommendation.h"

#include <algorithm>

#include "model/checker.h"
#include "model/json_reader.h"

namespace echotune::model {

namespace json = boost::json;

namespace {

// Target features that are not on a 0–1 scale.
bool IsUnbounded(const std::string& feature) {
  return feature == "tempo" || feature == "loudness" || feature == "key" || feature == "mode" ||
         feature == "time_signature" || feature == "popularity";
}

void Erase(std::vector<std::string>& v, const std::string& s) {
  v.erase(std::remove(v.begin(), v.end(), s), v.end());
}

void Add(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

}  // namespace

core::Status Validate(const Recommendation& r) {
  Checker c;
  if (r.user_id.IsZero()) c.Fail("userId", "userId is required");
  c.Unit("confidence_score", r.confidence_score);
  for (size_t i = 0; i < r.tracks.size() && c.ok(); ++i) {
    std::string p = Indexed("tracks", i);
    c.Required(p + "trackId", r.tracks[i].track_id).Unit(p + "score", r.tracks[i].score);
  }
  for (const auto& [name, v] : r.parameters.target_features) {
    std::string field = "parameters.target_features." + name;
    if (IsUnbounded(name)) c.Finite(field, v);
    else c.Unit(field, v);
  }
  return c.Done();
}

void ApplyFeedback(UserFeedback& f, const std::string& track_id, FeedbackAction action) {
  switch (action) {
    case FeedbackAction::kLike:
      Erase(f.disliked_tracks, track_id);
      return Add(f.liked_tracks, track_id);
    case FeedbackAction::kDislike:
      Erase(f.liked_tracks, track_id);
      return Add(f.disliked_tracks, track_id);
    case FeedbackAction::kSave:
      return Add(f.saved_tracks, track_id);
  }
}

json::object ToJson(const UserFeedback& f) {
  return {{"liked_tracks", StringArray(f.liked_tracks)},
          {"disliked_tracks", StringArray(f.disliked_tracks)},
          {"saved_tracks", StringArray(f.saved_tracks)}};
}

namespace {

json::object TrackJson(const RecommendedTrack& t) {
  return {{"trackId", t.track_id}, {"name", t.name},   {"artist", t.artist},
          {"album", t.album},      {"score", t.score}, {"strategy", ToString(t.strategy)},
          {"reason", t.reason}};
}

json::object ParametersJson(const RecommendationParameters& p) {
  json::object targets;
  for (const auto& [k, v] : p.target_features) targets[k] = v;
  json::object o{{"seed_tracks", StringArray(p.seed_tracks)},
                 {"seed_artists", StringArray(p.seed_artists)},
                 {"seed_genres", StringArray(p.seed_genres)},
                 {"target_features", std::move(targets)}};
  PutString(o, "context", p.context);
  return o;
}

void ReadParameters(JsonReader r, RecommendationParameters& p) {
  p.seed_tracks = r.Strings("seed_tracks");
  p.seed_artists = r.Strings("seed_artists");
  p.seed_genres = r.Strings("seed_genres");
  JsonReader targets = r.Child("target_features");
  for (const auto& kv : r.Object("target_features")) {
    if (auto v = targets.OptNumber(kv.key())) p.target_features[std::string(kv.key())] = *v;
  }
  p.context = r.OptString("context");
}

}  // namespace

json::object ToJson(const Recommendation& r) {
  json::array tracks;
  for (const auto& t : r.tracks) tracks.push_back(TrackJson(t));
  json::object o{{"_id", r.id.ToHex()},
                 {"userId", r.user_id.ToHex()},
                 {"recommendation_type", ToString(r.recommendation_type)},
                 {"tracks", std::move(tracks)},
                 {"parameters", ParametersJson(r.parameters)},
                 {"user_feedback", ToJson(r.user_feedback)}};
  PutNumber(o, "confidence_score", r.confidence_score);
  PutDate(o, "createdAt", r.created_at);
  PutDate(o, "expiresAt", r.expires_at);
  return o;
}

core::Result<Recommendation> RecommendationFromJson(const json::value& value) {
  JsonReader r(value);
  Recommendation rec;
  rec.id = r.OptId("_id").value_or(core::ObjectId{});
  rec.user_id = r.OptId("userId").value_or(core::ObjectId{});
  rec.recommendation_type = r.Enum("recommendation_type", RecommendationType::kHybrid);
  r.Each("tracks", [&](JsonReader& t, size_t) {
    RecommendedTrack track{t.String("trackId"), t.OptString("name").value_or(""),
                           t.OptString("artist").value_or(""), t.OptString("album").value_or(""),
                           t.OptNumber("score").value_or(0.0),
                           t.OptEnum<Strategy>("strategy").value_or(Strategy::kHybrid),
                           t.OptString("reason").value_or("")};
    rec.tracks.push_back(std::move(track));
  });
  ReadParameters(r.Child("parameters"), rec.parameters);
  rec.confidence_score = r.OptNumber("confidence_score");
  JsonReader fb = r.Child("user_feedback");
  rec.user_feedback = {fb.Strings("liked_tracks"), fb.Strings("disliked_tracks"),
                       fb.Strings("saved_tracks")};
  rec.created_at = r.OptDate("createdAt").value_or(core::TimePoint{});
  rec.expires_at = r.OptDate("expiresAt").value_or(core::TimePoint{});
  if (!r.ok()) return r.status().error();
  return rec;
}

}  // namespace echotune::model
