// The conformance suite, part 4: analytics events, chat sessions, track metadata.
#include <cmath>
#include <thread>

#include "store/store_conformance.h"

namespace echotune::store::testing {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

model::AnalyticsEvent Event(std::optional<core::ObjectId> user, model::EventType type,
                            core::TimePoint at) {
  model::AnalyticsEvent e;
  e.user_id = user;
  e.event_type = type;
  e.timestamp = at;
  e.metadata = {{"trackId", "t1"}, {"durationMs", 1000}};
  e.session_id = "browser-1";
  return e;
}

model::ChatMessage Message(model::Role role, std::string text) {
  model::ChatMessage m;
  m.role = role;
  m.content = std::move(text);
  m.metadata.intent = "chat";
  return m;
}

}  // namespace

TEST_P(StoreConformanceTest, AnalyticsEventsQueryByUserTypeAndTime) {
  model::User u = NewUser("u");
  const auto t0 = clock_.Now();
  ASSERT_OK(store_->analytics().Insert(Event(u.id, model::EventType::kTrackPlayed, t0)));
  ASSERT_OK(store_->analytics().Insert(Event(u.id, model::EventType::kTrackSkipped, t0 + seconds(1))));
  ASSERT_OK(store_->analytics().Insert(Event(u.id, model::EventType::kTrackPlayed, t0 + seconds(2))));
  ASSERT_OK(store_->analytics().Insert(Event(std::nullopt, model::EventType::kSearchPerformed, t0)));
  auto played = store_->analytics().Query({.user_id = u.id, .event_type = model::EventType::kTrackPlayed});
  ASSERT_OK(played);
  ASSERT_EQ(played->size(), 2u);
  EXPECT_EQ((*played)[0].timestamp, t0 + seconds(2));
  EXPECT_EQ((*played)[0].metadata.at("trackId").as_string(), "t1");
  EXPECT_EQ((*played)[0].session_id, "browser-1");
  auto window = store_->analytics().Query({.user_id = u.id, .from = t0 + seconds(1), .to = t0 + seconds(2)});
  ASSERT_EQ(window->size(), 1u);
  EXPECT_EQ((*window)[0].event_type, model::EventType::kTrackSkipped);
  EXPECT_EQ(store_->analytics().Query({})->size(), 4u);
  EXPECT_EQ(store_->analytics().Query({.limit = 1})->size(), 1u);
  EXPECT_ERROR_CODE(store_->analytics().Insert(Event(core::ObjectId::Generate(),
                                                     model::EventType::kChatMessage, t0)),
                    kNotFound);
}

TEST_P(StoreConformanceTest, AnalyticsEventsExpireAfterNinetyDays) {
  ASSERT_OK(store_->analytics().Insert(Event(std::nullopt, model::EventType::kChatMessage, clock_.Now())));
  clock_.Advance(seconds(7776000) - milliseconds(1));
  EXPECT_EQ(store_->analytics().Query({})->size(), 1u);
  clock_.Advance(milliseconds(1));
  EXPECT_TRUE(store_->analytics().Query({})->empty());
}

TEST_P(StoreConformanceTest, ChatSessionsAppendAtomically) {
  model::User u = NewUser("u");
  model::ChatSession s;
  s.user_id = u.id;
  s.provider = "mock";
  auto created = store_->chat_sessions().Create(s);
  ASSERT_OK(created);
  EXPECT_EQ(created->session_id.size(), 36u);  // a UUID
  EXPECT_EQ(created->message_count, 0);
  EXPECT_EQ(created->start_time, clock_.Now());
  clock_.Advance(seconds(5));
  auto after = store_->chat_sessions().AppendMessage(created->session_id,
                                                     Message(model::Role::kUser, "play jazz"));
  ASSERT_OK(after);
  EXPECT_EQ(after->message_count, 1);
  EXPECT_EQ(after->last_activity, clock_.Now());
  EXPECT_EQ(after->messages[0].timestamp, clock_.Now());
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        auto r = store_->chat_sessions().AppendMessage(created->session_id,
                                                       Message(model::Role::kAssistant, "ok"));
        EXPECT_TRUE(r.ok()) << r.error().message;
      }
    });
  }
  for (auto& t : writers) t.join();
  auto got = store_->chat_sessions().Get(created->session_id);
  ASSERT_OK(got);
  EXPECT_EQ(got->message_count, 41);
  EXPECT_EQ(got->messages.size(), 41u);
  EXPECT_EQ(got->messages[0].content, "play jazz");
  EXPECT_EQ(got->messages[0].metadata.intent, "chat");
  EXPECT_EQ(got->provider, "mock");  // as created: no answer said who wrote it
  auto answered = store_->chat_sessions().AppendMessage(created->session_id, Message(model::Role::kAssistant, "sure"),
                                                        store::ChatSessionsRepository::AnsweredBy{"gemini", "gemini-2.0-flash"});
  ASSERT_OK(answered);
  EXPECT_EQ(answered->provider, "gemini");
  EXPECT_EQ(answered->model, "gemini-2.0-flash");
  got = store_->chat_sessions().Get(created->session_id);
  ASSERT_OK(got);
  EXPECT_EQ(got->provider, "gemini");
  EXPECT_EQ(got->model, "gemini-2.0-flash");
  EXPECT_EQ(got->message_count, 42);
  EXPECT_ERROR_CODE(store_->chat_sessions().AppendMessage("nope", Message(model::Role::kUser, "x")),
                    kNotFound);
}

TEST_P(StoreConformanceTest, ChatSessionsListRecentAndExpire) {
  model::User u = NewUser("u");
  model::ChatSession s;
  s.user_id = u.id;
  s.session_id = "11111111-1111-4111-8111-111111111111";
  ASSERT_OK(store_->chat_sessions().Create(s));
  EXPECT_ERROR_CODE(store_->chat_sessions().Create(s), kConflict);
  s.session_id = "";
  auto second = store_->chat_sessions().Create(s);
  ASSERT_OK(second);
  clock_.Advance(hours(1));
  ASSERT_OK(store_->chat_sessions().AppendMessage("11111111-1111-4111-8111-111111111111",
                                                  Message(model::Role::kUser, "hi")));
  auto recent = store_->chat_sessions().ListRecent(u.id, 10);
  ASSERT_OK(recent);
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ((*recent)[0].session_id, "11111111-1111-4111-8111-111111111111");
  EXPECT_EQ(store_->chat_sessions().ListRecent(u.id, 1)->size(), 1u);
  EXPECT_ERROR_CODE(store_->chat_sessions().Create({.user_id = core::ObjectId::Generate()}), kNotFound);
  clock_.Advance(seconds(2592000));
  EXPECT_TRUE(store_->chat_sessions().ListRecent(u.id, 10)->empty());
  EXPECT_ERROR_CODE(store_->chat_sessions().Get(second->session_id), kNotFound);
}

TEST_P(StoreConformanceTest, ChatSessionsDeleteOnlyTheOwnersSession) {
  model::User u = NewUser("u");
  model::User other = NewUser("other");
  auto created = store_->chat_sessions().Create({.user_id = u.id});
  ASSERT_OK(created);
  EXPECT_ERROR_CODE(store_->chat_sessions().Delete(other.id, created->session_id), kNotFound);
  ASSERT_OK(store_->chat_sessions().Get(created->session_id));
  ASSERT_OK(store_->chat_sessions().Delete(u.id, created->session_id));
  EXPECT_ERROR_CODE(store_->chat_sessions().Get(created->session_id), kNotFound);
  EXPECT_ERROR_CODE(store_->chat_sessions().Delete(u.id, created->session_id), kNotFound);
}

TEST_P(StoreConformanceTest, TrackUpsertMergesAndUnitesGenres) {
  auto first = store_->tracks().Upsert(NewTrack("t1", 0.9, 50, {"rock"}));
  ASSERT_OK(first);
  EXPECT_FALSE(first->is_explicit);
  clock_.Advance(hours(1));
  model::TrackMetadata update;
  update.spotify_id = "t1";
  update.name = "Track t1";
  update.popularity = 60;
  update.genres = {"hard rock", "rock"};
  auto merged = store_->tracks().Upsert(update);
  ASSERT_OK(merged);
  EXPECT_EQ(merged->id, first->id);
  EXPECT_EQ(merged->created_at, first->created_at);
  EXPECT_EQ(merged->updated_at, clock_.Now());
  auto got = store_->tracks().Get("t1");
  ASSERT_OK(got);
  EXPECT_EQ(got->genres, (std::vector<std::string>{"rock", "hard rock"}));
  EXPECT_EQ(got->popularity, 60);
  ASSERT_TRUE(got->audio_features.has_value());
  EXPECT_EQ(got->audio_features->energy, 0.9);  // kept: the update had no features
  EXPECT_EQ(store_->tracks().Count().value(), 1);
  EXPECT_ERROR_CODE(store_->tracks().Get("missing"), kNotFound);
}

TEST_P(StoreConformanceTest, TrackUpsertManyIsAllOrNothing) {
  std::vector<model::TrackMetadata> batch = {NewTrack("a", 0.1, 10, {}), NewTrack("b", 1.2, 10, {})};
  EXPECT_VALIDATION_FIELD(store_->tracks().UpsertMany(batch), "tracks[1].audioFeatures.energy");
  EXPECT_EQ(store_->tracks().Count().value(), 0);
  batch[1].audio_features->energy = 1.0;
  auto n = store_->tracks().UpsertMany(batch);
  ASSERT_OK(n);
  EXPECT_EQ(*n, 2);
  auto many = store_->tracks().GetMany({"b", "zzz", "a"});
  ASSERT_OK(many);
  ASSERT_EQ(many->size(), 2u);
  EXPECT_EQ((*many)[0].spotify_id, "b");
  EXPECT_EQ((*many)[1].spotify_id, "a");
}

TEST_P(StoreConformanceTest, TrackFilterUsesFeatureRangesGenresAndPopularity) {
  ASSERT_OK(store_->tracks().UpsertMany({NewTrack("calm", 0.2, 80, {"ambient"}),
                                         NewTrack("loud", 0.9, 70, {"metal", "rock"}),
                                         NewTrack("pop", 0.7, 90, {"pop"}),
                                         NewTrack("rock", 0.8, 40, {"rock"})}));
  TrackFilter f;
  f.ranges = {{model::Feature::kEnergy, 0.6, 1.0}};
  auto energetic = store_->tracks().Filter(f);
  ASSERT_OK(energetic);
  ASSERT_EQ(energetic->size(), 3u);
  EXPECT_EQ((*energetic)[0].spotify_id, "pop");  // most popular first
  f.genres = {"rock", "jazz"};
  EXPECT_EQ(store_->tracks().Filter(f)->size(), 2u);
  f.min_popularity = 50;
  auto one = store_->tracks().Filter(f);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].spotify_id, "loud");
  f = {};
  f.limit = 2;
  EXPECT_EQ(store_->tracks().Filter(f)->size(), 2u);
  int seen = 0;
  ASSERT_OK(store_->tracks().Scan([&](const model::TrackMetadata&) { return ++seen > 0; }));
  EXPECT_EQ(seen, 4);
}

TEST_P(StoreConformanceTest, TrackValidationNamesTheField) {
  auto t = NewTrack("x", 0.5, 10, {});
  t.audio_features->loudness = -61;
  EXPECT_VALIDATION_FIELD(store_->tracks().Upsert(t), "audioFeatures.loudness");
  t.audio_features->loudness = -5;
  t.audio_features->key = 12;
  EXPECT_VALIDATION_FIELD(store_->tracks().Upsert(t), "audioFeatures.key");
  t.audio_features->key = -1;
  t.audio_features->time_signature = 8;
  EXPECT_VALIDATION_FIELD(store_->tracks().Upsert(t), "audioFeatures.time_signature");
  t.audio_features->time_signature = 4;
  t.popularity = 101;
  EXPECT_VALIDATION_FIELD(store_->tracks().Upsert(t), "popularity");
  t.popularity = 100;
  t.audio_features->valence = std::nan("");
  EXPECT_VALIDATION_FIELD(store_->tracks().Upsert(t), "audioFeatures.valence");
  EXPECT_EQ(store_->tracks().Count().value(), 0);
}

}  // namespace echotune::store::testing
