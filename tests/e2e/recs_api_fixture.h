// Shared set-up of the history / recommendations / playlists e2e tests: a
// TestService with raised rate limits, a hand-made catalogue of tracks with
// audio features, users with tokens, and request helpers.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "core/time_format.h"
#include "recs/store_loader.h"
#include "store/analytics_repository.h"
#include "tests/e2e/http_client.h"
#include "tests/e2e/test_service.h"

namespace echotune::e2e {

// Track i: id "trk%03d", artist "artist{i % 60}", genre cycling rock, pop,
// jazz, classical, edm; features spread deterministically; popularity 100 - i%100.
inline model::TrackMetadata CatalogueTrack(int i) {
  char id[16];
  std::snprintf(id, sizeof id, "trk%03d", i);
  static const char* kGenres[] = {"rock", "pop", "jazz", "classical", "edm"};
  model::TrackMetadata t;
  t.spotify_id = id;
  t.name = std::string("Song ") + id;
  t.artists = {{"art" + std::to_string(i % 60), "Artist " + std::to_string(i % 60)}};
  t.album = model::AlbumInfo{};
  t.album->name = "Album " + std::to_string(i % 40);
  t.duration_ms = 180000 + i * 1000;
  t.popularity = 100 - i % 100;
  model::AudioFeatures f;
  f.energy = (i % 11) / 10.0;
  f.valence = ((i * 7) % 11) / 10.0;
  f.danceability = ((i * 3) % 11) / 10.0;
  f.acousticness = 1.0 - *f.energy;
  f.instrumentalness = ((i * 5) % 11) / 10.0;
  f.speechiness = 0.05;
  f.liveness = 0.1;
  f.loudness = -12.0 + *f.energy * 8;
  f.tempo = 70.0 + (i % 11) * 10;
  f.key = i % 12;
  f.mode = i % 2;
  f.time_signature = 4;
  t.audio_features = f;
  t.genres = {kGenres[i % 5]};
  return t;
}

class RecsApiFixture : public ::testing::Test {
 protected:
  static constexpr int kTracks = 150;

  RecsApiFixture()
      : svc_({{"RATE_LIMIT_GLOBAL", "100000"}, {"RATE_LIMIT_RECS", "100000"}}) {
    std::vector<model::TrackMetadata> tracks;
    for (int i = 0; i < kTracks; ++i) tracks.push_back(CatalogueTrack(i));
    EXPECT_TRUE(store().tracks().UpsertMany(std::move(tracks)).ok());
    token_ = NewUser("listener", &user_id_);
  }

  store::Store& store() { return svc_.service().store(); }

  // A new user; returns a bearer token.
  std::string NewUser(const std::string& spotify_id, std::string* id_out = nullptr) {
    model::User u;
    u.spotify_id = spotify_id;
    u.display_name = spotify_id;
    auto stored = store().users().UpsertBySpotifyId(u);
    EXPECT_TRUE(stored.ok());
    if (id_out) *id_out = stored->id.ToHex();
    return svc_.service().jwt().Issue(stored->id.ToHex(), spotify_id);
  }

  // Builds the model from the store (the service started on an empty
  // catalogue, so no start-up build runs; tracks are seeded afterwards).
  void RebuildEngine() {
    auto& engine = svc_.service().engine();
    auto in = recs::LoadEngineInputs(store());
    ASSERT_TRUE(in.ok());
    engine.Rebuild(*in);
  }

  HttpReply Send(bhttp::verb m, const std::string& target, const std::string& body = "",
                 const std::string& token = "") {
    const std::string& t = token.empty() ? token_ : token;
    return Fetch(svc_.port(), m, target, body, {{"Authorization", "Bearer " + t}});
  }
  HttpReply Get(const std::string& target, const std::string& token = "") {
    return Send(bhttp::verb::get, target, "", token);
  }
  HttpReply Post(const std::string& target, const std::string& body, const std::string& token = "") {
    return Send(bhttp::verb::post, target, body, token);
  }
  HttpReply Patch(const std::string& target, const std::string& body, const std::string& token = "") {
    return Send(bhttp::verb::patch, target, body, token);
  }

  // Listens of tracks [from, to), one minute apart, known tracks without names.
  HttpReply PostListens(int from, int to, const std::string& token = "", int base_minute = 0) {
    boost::json::array listens;
    for (int i = from; i < to; ++i) {
      auto at = std::chrono::system_clock::now() - std::chrono::hours(1) +
                std::chrono::minutes(base_minute + i - from);
      listens.push_back(boost::json::object{{"trackId", CatalogueTrack(i).spotify_id},
                                            {"playedAt", core::FormatIso8601(at)}});
    }
    return Post("/api/history", boost::json::serialize(boost::json::object{{"listens", listens}}), token);
  }

  std::vector<model::AnalyticsEvent> Events(const std::string& user_id, model::EventType type) {
    store::EventQuery q;
    q.user_id = core::ObjectId::Parse(user_id);
    q.event_type = type;
    auto got = store().analytics().Query(q);
    EXPECT_TRUE(got.ok());
    return got.ok() ? *got : std::vector<model::AnalyticsEvent>{};
  }

  static std::string FieldOf(const HttpReply& r) {
    auto j = r.Json();
    const auto* d = j.as_object().if_contains("details");
    if (!d || !d->is_object() || !d->as_object().contains("field")) return "";
    return std::string(d->as_object().at("field").as_string());
  }

  static std::vector<std::string> TrackIds(const boost::json::value& data) {
    std::vector<std::string> out;
    for (const auto& c : data.as_array()) out.emplace_back(c.at("trackId").as_string());
    return out;
  }

  TestService svc_;
  std::string user_id_;
  std::string token_;
};

}  // namespace echotune::e2e
