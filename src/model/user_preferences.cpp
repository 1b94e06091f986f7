#include "model/user_preferences.h"

#include <array>
#include <string_view>

#include "model/checker.h"
#include "model/json_reader.h"

namespace echotune::model {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 11> kPatchFields = {
    "llmProvider",    "llmModel",        "favoriteGenres", "dislikedGenres",
    "energyLevel",    "explicitContent", "recommendationStrategy",
    "diversityWeight", "theme",          "language",       "emailNotifications"};

template <typename T>
void SetIf(T& target, const std::optional<T>& value) {
  if (value) target = *value;
}

template <typename T>
void SetIf(std::optional<T>& target, const std::optional<T>& value) {
  if (value) target = value;
}

PreferencesPatch ReadPatch(JsonReader& r) {
  PreferencesPatch p;
  p.llm_provider = r.OptEnum<LlmProvider>("llmProvider");
  p.llm_model = r.OptString("llmModel");
  if (r.Has("favoriteGenres")) p.favorite_genres = r.Strings("favoriteGenres");
  if (r.Has("dislikedGenres")) p.disliked_genres = r.Strings("dislikedGenres");
  p.energy_level = r.OptNumber("energyLevel");
  if (r.Has("explicitContent")) p.explicit_content = r.Bool("explicitContent", true);
  p.recommendation_strategy = r.OptEnum<PreferredStrategy>("recommendationStrategy");
  p.diversity_weight = r.OptNumber("diversityWeight");
  p.theme = r.OptEnum<Theme>("theme");
  p.language = r.OptString("language");
  if (r.Has("emailNotifications")) p.email_notifications = r.Bool("emailNotifications", false);
  return p;
}

}  // namespace

core::Status Validate(const UserPreferences& p) {
  Checker c;
  if (p.user_id.IsZero()) c.Fail("userId", "userId is required");
  if (p.track_feedback) {
    const UserFeedback& f = *p.track_feedback;
    for (const auto* ids : {&f.liked_tracks, &f.disliked_tracks, &f.saved_tracks}) {
      for (const auto& id : *ids) {
        if (id.empty()) c.Fail("trackFeedback", "track ids must not be empty");
      }
    }
  }
  return c.Unit("energyLevel", p.energy_level)
      .Unit("diversityWeight", p.diversity_weight)
      .Language("language", p.language)
      .Done();
}

core::Status Validate(const PreferencesPatch& p) {
  return Checker()
      .Unit("energyLevel", p.energy_level)
      .Unit("diversityWeight", p.diversity_weight)
      .Language("language", p.language)
      .Done();
}

void ApplyPatch(UserPreferences& prefs, const PreferencesPatch& p) {
  SetIf(prefs.llm_provider, p.llm_provider);
  SetIf(prefs.llm_model, p.llm_model);
  SetIf(prefs.favorite_genres, p.favorite_genres);
  SetIf(prefs.disliked_genres, p.disliked_genres);
  SetIf(prefs.energy_level, p.energy_level);
  SetIf(prefs.explicit_content, p.explicit_content);
  SetIf(prefs.recommendation_strategy, p.recommendation_strategy);
  SetIf(prefs.diversity_weight, p.diversity_weight);
  SetIf(prefs.theme, p.theme);
  SetIf(prefs.language, p.language);
  SetIf(prefs.email_notifications, p.email_notifications);
}

json::object ToJson(const UserPreferences& p) {
  json::object o{{"_id", p.id.ToHex()}, {"userId", p.user_id.ToHex()}};
  PutEnum(o, "llmProvider", p.llm_provider);
  PutString(o, "llmModel", p.llm_model);
  o["favoriteGenres"] = StringArray(p.favorite_genres);
  o["dislikedGenres"] = StringArray(p.disliked_genres);
  PutNumber(o, "energyLevel", p.energy_level);
  o["explicitContent"] = p.explicit_content;
  PutEnum(o, "recommendationStrategy", p.recommendation_strategy);
  PutNumber(o, "diversityWeight", p.diversity_weight);
  PutEnum(o, "theme", p.theme);
  PutString(o, "language", p.language);
  o["emailNotifications"] = p.email_notifications;
  if (p.track_feedback) o["trackFeedback"] = TrackFeedbackJson(*p.track_feedback);
  PutDate(o, "createdAt", p.created_at);
  PutDate(o, "updatedAt", p.updated_at);
  return o;
}

json::object TrackFeedbackJson(const UserFeedback& f) {
  return {{"liked", StringArray(f.liked_tracks)},
          {"disliked", StringArray(f.disliked_tracks)},
          {"saved", StringArray(f.saved_tracks)}};
}

core::Result<UserPreferences> UserPreferencesFromJson(const json::value& value) {
  JsonReader r(value);
  UserPreferences prefs;
  prefs.id = r.OptId("_id").value_or(core::ObjectId{});
  prefs.user_id = r.OptId("userId").value_or(core::ObjectId{});
  ApplyPatch(prefs, ReadPatch(r));
  if (r.Has("trackFeedback")) {
    JsonReader fb = r.Child("trackFeedback");
    prefs.track_feedback = UserFeedback{fb.Strings("liked"), fb.Strings("disliked"), fb.Strings("saved")};
  }
  prefs.created_at = r.OptDate("createdAt").value_or(core::TimePoint{});
  prefs.updated_at = r.OptDate("updatedAt").value_or(core::TimePoint{});
  if (!r.ok()) return r.status().error();
  return prefs;
}

core::Result<PreferencesPatch> PreferencesPatchFromJson(const json::value& value) {
  JsonReader r(value);
  if (const auto* o = value.if_object()) {
    for (const auto& kv : *o) {
      bool known = false;
      for (auto f : kPatchFields) known = known || f == kv.key();
      if (!known) r.Fail(kv.key(), "is not a preference setting");
    }
  }
  PreferencesPatch patch = ReadPatch(r);
  if (!r.ok()) return r.status().error();
  if (auto s = Validate(patch); !s.ok()) return s.error();
  return patch;
}

}  // namespace echotune::model
