// Model unit tests: enums, codes, validation rules and JSON conversion.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cmath>

#include "model/analytics_event.h"
#include "model/checker.h"
#include "model/chat_session.h"
#include "model/ids.h"
#include "model/listen.h"
#include "model/playlist.h"
#include "model/recommendation.h"
#include "model/track_metadata.h"
#include "model/user.h"
#include "model/user_preferences.h"

namespace echotune::model {
namespace {

namespace json = boost::json;

std::string FieldOf(const core::Error& e) { return std::string(e.details.at("field").as_string()); }

template <typename R>
std::string FailedField(const R& r) {
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.error().code, core::ErrorCode::kValidationError);
  return FieldOf(r.error());
}

TEST(Enums, RoundTripThroughTheirWireNames) {
  EXPECT_EQ(ToString(Tier::kEnterprise), "enterprise");
  EXPECT_EQ(FromString<EventType>("recommendation.clicked"), EventType::kRecommendationClicked);
  EXPECT_EQ(FromString<RecommendationType>("mood_based"), RecommendationType::kMoodBased);
  EXPECT_FALSE(FromString<Tier>("FREE").has_value());
  EXPECT_FALSE(FromString<Theme>("").has_value());
  for (auto name : EnumNames<Mood>::kNames) EXPECT_EQ(ToString(*FromString<Mood>(name)), name);
}

TEST(Checker, KnowsIsoCountryAndLanguageCodes) {
  EXPECT_TRUE(IsCountryCode("US"));
  EXPECT_TRUE(IsCountryCode("DE"));
  EXPECT_FALSE(IsCountryCode("us"));
  EXPECT_FALSE(IsCountryCode("XX"));
  EXPECT_FALSE(IsCountryCode("USA"));
  EXPECT_TRUE(IsLanguageCode("en"));
  EXPECT_TRUE(IsLanguageCode("zh"));
  EXPECT_FALSE(IsLanguageCode("xx"));
  EXPECT_FALSE(IsLanguageCode("EN"));
}

TEST(Checker, RefusesNonFiniteNumbersAndKeepsTheFirstError) {
  auto s = Checker().Unit("a", std::nan("")).Unit("b", 2.0).Done();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(FieldOf(s.error()), "a");
  EXPECT_FALSE(Checker().Finite("x", INFINITY).Done().ok());
  EXPECT_TRUE(Checker().Unit("x", std::nullopt).Range("y", -60.0, -60, 0).Done().ok());
}

TEST(Ids, BadIdStringsAreValidationErrorsNotCrashes) {
  EXPECT_TRUE(ParseId("665a1b2c3d4e5f6a7b8c9d0e").ok());
  for (std::string_view bad : {"", "xyz", "665a1b2c3d4e5f6a7b8c9d0", "665a1b2c3d4e5f6a7b8c9d0g",
                               "665a1b2c3d4e5f6a7b8c9d0e0"}) {
    auto r = ParseId(bad, "userId");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(FieldOf(r.error()), "userId");
  }
}

TEST(UserJson, RoundTripsWithoutSecretsUnlessAsked) {
  User u;
  u.id = core::ObjectId::Generate();
  u.spotify_id = "31abc";
  u.display_name = "Alex";
  u.email = "a@example.com";
  u.access_token = "BQA";
  u.refresh_token = "AQD";
  u.jwt_secret = "s";
  u.preferences.favorite_genres = {"rock"};
  u.preferences.audio_features_preferences.energy = 0.75;
  json::object api = ToJson(u);
  EXPECT_FALSE(api.contains("accessToken"));
  EXPECT_FALSE(api.contains("refreshToken"));
  EXPECT_FALSE(api.contains("jwtSecret"));
  EXPECT_EQ(api.at("_id").as_string(), u.id.ToHex());
  EXPECT_EQ(api.at("tier").as_string(), "free");
  auto back = UserFromJson(ToJson(u, {.include_secrets = true}));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->access_token, "BQA");
  EXPECT_EQ(back->id, u.id);
  EXPECT_EQ(back->preferences.audio_features_preferences.energy, 0.75);
  EXPECT_TRUE(Validate(*back).ok());
}

TEST(ListenJson, ParsesTheContractExampleAndNamesBadFields) {
  auto doc = json::parse(R"({"userId": "665a1b2c3d4e5f6a7b8c9d0e", "trackId": "4iV5W9uYEdYUVa79Axb7Rh",
      "trackName": "Back in Black", "artistName": "AC/DC", "albumName": "Back in Black",
      "playedAt": "2024-01-15T14:20:00Z", "durationMs": 255493, "popularity": 82,
      "context": {"context_type": "playlist", "context_uri": "spotify:playlist:x",
                  "device_type": "computer"}, "skip_count": 0, "repeat_count": 1})");
  auto l = ListenFromJson(doc);
  ASSERT_TRUE(l.ok()) << l.error().message;
  EXPECT_EQ(l->context.device_type, DeviceType::kComputer);
  EXPECT_TRUE(Validate(*l).ok());
  doc.as_object()["context"].as_object()["device_type"] = "toaster";
  EXPECT_EQ(FailedField(ListenFromJson(doc)), "context.device_type");
  doc.as_object()["context"].as_object()["device_type"] = "speaker";
  doc.as_object()["playedAt"] = "yesterday";
  EXPECT_EQ(FailedField(ListenFromJson(doc)), "playedAt");
  doc.as_object().erase("playedAt");
  EXPECT_EQ(FailedField(ListenFromJson(doc)), "playedAt");
  doc.as_object()["playedAt"] = "2024-01-15T14:20:00Z";
  doc.as_object()["durationMs"] = 1.5;
  EXPECT_EQ(FailedField(ListenFromJson(doc)), "durationMs");
  EXPECT_FALSE(ListenFromJson(json::value(42)).ok());
}

TEST(TrackValidation, EnforcesEveryAudioFeatureRange) {
  TrackMetadata t;
  t.spotify_id = "x";
  t.name = "X";
  t.audio_features = AudioFeatures{};
  EXPECT_TRUE(Validate(t).ok());
  t.audio_features->mode = 2;
  EXPECT_EQ(FailedField(Validate(t)), "audioFeatures.mode");
  t.audio_features->mode = 1;
  t.audio_features->danceability = -0.01;
  EXPECT_EQ(FailedField(Validate(t)), "audioFeatures.danceability");
  t.audio_features->danceability = 0;
  t.audio_features->time_signature = 2;
  EXPECT_EQ(FailedField(Validate(t)), "audioFeatures.time_signature");
  t.audio_features->time_signature = 7;
  t.name = "";
  EXPECT_EQ(FailedField(Validate(t)), "name");
}

TEST(TrackJson, RoundTripsAndDerivesTheReleaseYear) {
  auto doc = json::parse(R"({"spotifyId": "t", "name": "N", "artists": [{"id": "a", "name": "A"}],
      "album": {"name": "Al", "release_date": "1980-07-25", "images": [{"url": "u", "width": 64}]},
      "explicit": true, "audioFeatures": {"energy": 0.9, "key": 5, "loudness": -5.5},
      "genres": ["rock"], "externalUrls": {"spotify": "https://open.spotify.com/track/t"}})");
  auto t = TrackMetadataFromJson(doc);
  ASSERT_TRUE(t.ok()) << t.error().message;
  DeriveReleaseYear(*t);
  EXPECT_EQ(t->release_year, 1980);
  EXPECT_TRUE(t->is_explicit);
  auto again = TrackMetadataFromJson(ToJson(*t));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->audio_features->loudness, -5.5);
  EXPECT_EQ(again->album->images[0].width, 64);
  EXPECT_EQ(again->external_url, "https://open.spotify.com/track/t");
  EXPECT_EQ(FailedField(TrackMetadataFromJson(json::parse(R"({"spotifyId": "t", "name": "N",
      "artists": [{"id": "a"}, {"id": 5}]})"))), "artists[1].id");
}

TEST(PreferencesPatch, RefusesUnknownAndInvalidSettings) {
  auto ok = PreferencesPatchFromJson(json::parse(R"({"theme": "dark", "diversityWeight": 0.3})"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->theme, Theme::kDark);
  EXPECT_FALSE(ok->llm_provider.has_value());
  EXPECT_EQ(FailedField(PreferencesPatchFromJson(json::parse(R"({"colour": "red"})"))), "colour");
  EXPECT_EQ(FailedField(PreferencesPatchFromJson(json::parse(R"({"llmProvider": "skynet"})"))),
            "llmProvider");
  EXPECT_EQ(FailedField(PreferencesPatchFromJson(json::parse(R"({"diversityWeight": 1.1})"))),
            "diversityWeight");
  EXPECT_EQ(FailedField(PreferencesPatchFromJson(json::parse(R"({"explicitContent": "yes"})"))),
            "explicitContent");
  UserPreferences prefs;
  ApplyPatch(prefs, *ok);
  EXPECT_EQ(prefs.diversity_weight, 0.3);
  EXPECT_TRUE(prefs.explicit_content);
}

TEST(RecommendationModel, FeedbackIsASetAndLikeExcludesDislike) {
  UserFeedback f;
  ApplyFeedback(f, "t", FeedbackAction::kLike);
  ApplyFeedback(f, "t", FeedbackAction::kLike);
  EXPECT_EQ(f.liked_tracks.size(), 1u);
  ApplyFeedback(f, "t", FeedbackAction::kDislike);
  EXPECT_TRUE(f.liked_tracks.empty());
  EXPECT_EQ(f.disliked_tracks.size(), 1u);
  Recommendation r;
  r.user_id = core::ObjectId::Generate();
  r.parameters.target_features = {{"tempo", 128.0}, {"energy", 0.8}};
  EXPECT_TRUE(Validate(r).ok());
  r.parameters.target_features["valence"] = 3;
  EXPECT_EQ(FailedField(Validate(r)), "parameters.target_features.valence");
  auto parsed = RecommendationFromJson(json::parse(R"({"recommendation_type": "popular"})"));
  EXPECT_EQ(FailedField(parsed), "recommendation_type");
}

TEST(ChatAndEvents, ParseTheirEnums) {
  auto m = ChatMessageFromJson(json::parse(R"({"role": "assistant", "content": "hi",
      "metadata": {"tokens_used": 12, "spotifyAction": "play"}})"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->role, Role::kAssistant);
  EXPECT_EQ(m->metadata.spotify_action, "play");
  EXPECT_EQ(FailedField(ChatMessageFromJson(json::parse(R"({"role": "robot"})"))), "role");
  auto e = AnalyticsEventFromJson(json::parse(R"({"eventType": "track.played",
      "timestamp": "2024-01-15T14:20:00Z", "userId": null, "metadata": {"trackId": "t"}})"));
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_FALSE(e->user_id.has_value());
  EXPECT_EQ(FailedField(AnalyticsEventFromJson(json::parse(R"({"eventType": "x.y",
      "timestamp": "2024-01-15T14:20:00Z"})"))), "eventType");
  EXPECT_EQ(FailedField(AnalyticsEventFromJson(json::parse(R"({"eventType": "chat.message"})"))),
            "timestamp");
}

TEST(PlaylistModel, RenumbersAndParsesClientTracks) {
  auto tracks = PlaylistTracksFromJson(json::parse(R"([{"trackId": "a"}, {"trackId": "b"}])"));
  ASSERT_TRUE(tracks.ok());
  Playlist p;
  p.user_id = core::ObjectId::Generate();
  p.name = "P";
  p.tracks = *tracks;
  Renumber(p);
  EXPECT_EQ(p.tracks[1].position, 1);
  EXPECT_EQ(p.track_count, 2);
  EXPECT_EQ(FailedField(PlaylistTracksFromJson(json::parse(R"([{"name": "x"}])"))), "tracks[0].trackId");
  auto doc = json::parse(R"({"userId": "665a1b2c3d4e5f6a7b8c9d0e", "name": "n",
      "generation_parameters": {"mood": "chill", "activity": "study", "audio_features": {"energy": 0.3}}})");
  auto parsed = PlaylistFromJson(doc);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->generation_parameters->mood, Mood::kChill);
  EXPECT_EQ(parsed->generation_parameters->audio_features.at("energy"), 0.3);
  doc.as_object()["generation_parameters"].as_object()["mood"] = "grumpy";
  EXPECT_EQ(FailedField(PlaylistFromJson(doc)), "generation_parameters.mood");
}

TEST(UserPreferencesModel, TrackFeedbackRoundTripsAndIsNotASetting) {
  auto prefs = UserPreferencesFromJson(json::parse(R"({"userId": "665a1b2c3d4e5f6a7b8c9d0e",
      "trackFeedback": {"liked": ["a"], "disliked": ["b", "c"], "saved": []}})"));
  ASSERT_TRUE(prefs.ok());
  ASSERT_TRUE(prefs->track_feedback.has_value());
  EXPECT_EQ(prefs->track_feedback->disliked_tracks, (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(ToJson(*prefs).at("trackFeedback"),
            json::parse(R"({"liked": ["a"], "disliked": ["b", "c"], "saved": []})"));
  EXPECT_TRUE(Validate(*prefs).ok());
  prefs->track_feedback->saved_tracks.push_back("");
  EXPECT_EQ(FailedField(Validate(*prefs)), "trackFeedback");
  UserPreferences none;
  none.user_id = core::ObjectId::Generate();
  EXPECT_FALSE(ToJson(none).contains("trackFeedback"));  // absent until the first feedback
  EXPECT_EQ(FailedField(PreferencesPatchFromJson(json::parse(R"({"trackFeedback": {}})"))), "trackFeedback");
}

}  // namespace
}  // namespace echotune::model
