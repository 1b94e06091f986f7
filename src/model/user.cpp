#include "model/user.h"

#include "model/checker.h"
#include "model/json_reader.h"

namespace echotune::model {

namespace json = boost::json;

core::Status Validate(const User& u) {
  const auto& f = u.preferences.audio_features_preferences;
  const auto& s = u.listening_stats;
  Checker c;
  c.Required("spotifyId", u.spotify_id).Required("displayName", u.display_name);
  if (u.email && u.email->empty()) c.Fail("email", "email must not be empty when present");
  c.Country("country", u.country).IntRange("followers", u.followers, 0, INT64_MAX);
  c.Unit("preferences.audio_features_preferences.energy", f.energy)
      .Unit("preferences.audio_features_preferences.valence", f.valence)
      .Unit("preferences.audio_features_preferences.danceability", f.danceability)
      .Unit("preferences.audio_features_preferences.acousticness", f.acousticness);
  c.Range("listening_stats.total_listening_time", s.total_listening_time, 0, 1e18)
      .Range("listening_stats.average_session_length", s.average_session_length, 0, 1e18);
  return c.Done();
}

namespace {

json::object PreferencesJson(const UserPreferenceSummary& p) {
  json::object features;
  const auto& f = p.audio_features_preferences;
  PutNumber(features, "energy", f.energy);
  PutNumber(features, "valence", f.valence);
  PutNumber(features, "danceability", f.danceability);
  PutNumber(features, "acousticness", f.acousticness);
  return {{"favorite_genres", StringArray(p.favorite_genres)},
          {"preferred_artists", StringArray(p.preferred_artists)},
          {"audio_features_preferences", std::move(features)}};
}

json::object StatsJson(const ListeningStats& s) {
  json::object o;
  PutNumber(o, "total_listening_time", s.total_listening_time);
  PutString(o, "most_played_artist", s.most_played_artist);
  PutString(o, "most_played_genre", s.most_played_genre);
  PutNumber(o, "average_session_length", s.average_session_length);
  return o;
}

void ReadPreferences(JsonReader r, UserPreferenceSummary& p) {
  p.favorite_genres = r.Strings("favorite_genres");
  p.preferred_artists = r.Strings("preferred_artists");
  JsonReader f = r.Child("audio_features_preferences");
  auto& a = p.audio_features_preferences;
  a.energy = f.OptNumber("energy");
  a.valence = f.OptNumber("valence");
  a.danceability = f.OptNumber("danceability");
  a.acousticness = f.OptNumber("acousticness");
}

void ReadStats(JsonReader r, ListeningStats& s) {
  s.total_listening_time = r.OptNumber("total_listening_time");
  s.most_played_artist = r.OptString("most_played_artist");
  s.most_played_genre = r.OptString("most_played_genre");
  s.average_session_length = r.OptNumber("average_session_length");
}

}  // namespace

json::object ToJson(const User& u, UserJsonOptions options) {
  json::object o;
  o["_id"] = u.id.ToHex();
  o["spotifyId"] = u.spotify_id;
  PutString(o, "email", u.email);
  o["displayName"] = u.display_name;
  PutString(o, "profileImageUrl", u.profile_image_url);
  PutString(o, "country", u.country);
  o["premium"] = u.premium;
  o["followers"] = u.followers;
  if (options.include_secrets) {
    PutString(o, "accessToken", u.access_token);
    PutString(o, "refreshToken", u.refresh_token);
    PutString(o, "jwtSecret", u.jwt_secret);
  }
  PutDate(o, "tokenExpiresAt", u.token_expires_at);
  o["tier"] = ToString(u.tier);
  o["isActive"] = u.is_active;
  o["preferences"] = PreferencesJson(u.preferences);
  o["listening_stats"] = StatsJson(u.listening_stats);
  PutDate(o, "createdAt", u.created_at);
  PutDate(o, "updatedAt", u.updated_at);
  PutDate(o, "lastActive", u.last_active);
  return o;
}

core::Result<User> UserFromJson(const json::value& value) {
  JsonReader r(value);
  User u;
  u.id = r.OptId("_id").value_or(core::ObjectId{});
  u.spotify_id = r.String("spotifyId");
  u.email = r.OptString("email");
  u.display_name = r.String("displayName");
  u.profile_image_url = r.OptString("profileImageUrl");
  u.country = r.OptString("country");
  u.premium = r.Bool("premium", false);
  u.followers = r.Int("followers", 0);
  u.access_token = r.OptString("accessToken");
  u.refresh_token = r.OptString("refreshToken");
  u.token_expires_at = r.OptDate("tokenExpiresAt");
  u.jwt_secret = r.OptString("jwtSecret");
  u.tier = r.OptEnum<Tier>("tier").value_or(Tier::kFree);
  u.is_active = r.Bool("isActive", true);
  ReadPreferences(r.Child("preferences"), u.preferences);
  ReadStats(r.Child("listening_stats"), u.listening_stats);
  u.created_at = r.OptDate("createdAt").value_or(core::TimePoint{});
  u.updated_at = r.OptDate("updatedAt").value_or(core::TimePoint{});
  u.last_active = r.OptDate("lastActive");
  if (!r.ok()) return r.status().error();
  return u;
}

}  // namespace echotune::model
