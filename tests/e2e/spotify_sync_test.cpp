// Issue 11: the listening sync and playlists sent to Spotify, over real HTTP
// and the real store, against the fake Spotify.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "tests/e2e/spotify_fixture.h"

namespace echotune::e2e {
namespace {

namespace json = boost::json;

FakePlay Play(const std::string& id, int minute) {
  char iso[32];
  std::snprintf(iso, sizeof iso, "2026-11-20T18:%02d:00.000Z", minute);
  // 2026-11-20T18:00:00Z in ms since the epoch, plus the minutes.
  const int64_t base_ms = 1795197600000;
  return FakePlay{id, "Song " + id, "Artist " + id, iso, base_ms + minute * 60'000};
}

int64_t StoredListens(SpotifyFixture& f) {
  return f.store().listens().CountForUser(*core::ObjectId::Parse(f.user_id)).value();
}

TEST(SpotifySync, WritesEachPlayExactlyOnceAcrossTwoRuns) {
  SpotifyFixture f;
  f.fake.SetRecentlyPlayed({Play("t1", 1), Play("t2", 2), Play("t3", 3)});
  api::SyncSummary first = f.svc.service().spotify_sync().RunOnce().get();
  EXPECT_EQ(first.users, 1);
  EXPECT_EQ(first.inserted, 3);
  EXPECT_EQ(StoredListens(f), 3);

  f.fake.SetRecentlyPlayed({Play("t1", 1), Play("t2", 2), Play("t3", 3), Play("t4", 4), Play("t5", 5)});
  api::SyncSummary second = f.svc.service().spotify_sync().RunOnce().get();
  EXPECT_EQ(second.inserted, 2);
  EXPECT_EQ(second.duplicates, 0);  // the cursor asked only for newer plays
  EXPECT_EQ(StoredListens(f), 5);

  api::SyncSummary third = f.svc.service().spotify_sync().RunOnce().get();
  EXPECT_EQ(third.inserted, 0);
  EXPECT_EQ(StoredListens(f), 5);
  auto listens = f.store().listens().Recent(*core::ObjectId::Parse(f.user_id), 10).value();
  ASSERT_EQ(listens.size(), 5u);
  EXPECT_EQ(listens.front().track_id, "t5");
  EXPECT_EQ(listens.front().track_name, "Song t5");
  EXPECT_EQ(listens.front().artist_name, "Artist t5");
}

TEST(SpotifySync, AfterARestartTheStoredHistoryIsTheCursor) {
  SpotifyFixture f;
  // Already recorded through POST /api/history (as if by an earlier process).
  auto r = f.Post("/api/history", R"({"listens": [{"trackId": "t1", "playedAt": "2026-11-20T18:01:00.000Z",)"
                                  R"( "trackName": "Song t1", "artistName": "Artist t1", "durationMs": 200000}]})");
  ASSERT_EQ(r.status, 200u) << r.body;
  f.fake.SetRecentlyPlayed({Play("t1", 1), Play("t2", 2)});
  api::SyncSummary s = f.svc.service().spotify_sync().RunOnce().get();
  EXPECT_EQ(s.inserted, 1);
  EXPECT_EQ(StoredListens(f), 2);
}

TEST(SpotifySync, SkipsUsersWithoutSpotifyAndRunsOnItsSchedule) {
  SpotifyFixture f({{"SPOTIFY_SYNC_INTERVAL_S", "1"}});
  f.NewUser("not-connected", "", std::chrono::seconds(0));
  f.fake.SetRecentlyPlayed({Play("t1", 1)});
  for (int i = 0; i < 50 && StoredListens(f) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(StoredListens(f), 1);
  EXPECT_GE(f.fake.count("GET /v1/me/player/recently-played"), 1);
}

json::object GeneratePlaylist(SpotifyFixture& f, bool save) {
  std::string body = std::string(R"({"prompt": "upbeat workout rock", "trackCount": 5, "saveToSpotify": )") +
                     (save ? "true" : "false") + "}";
  auto r = f.Post("/api/playlists/generate", body);
  EXPECT_EQ(r.status, 201u) << r.body;
  return r.Json().at("data").as_object();
}

void SeedCatalogue(SpotifyFixture& f, int n) {
  std::vector<model::TrackMetadata> tracks;
  for (int i = 0; i < n; ++i) {
    model::TrackMetadata t;
    t.spotify_id = "trk" + std::to_string(i);
    t.name = "Track " + std::to_string(i);
    t.artists = {{"a" + std::to_string(i), "Artist " + std::to_string(i)}};
    t.genres = {"rock"};
    t.popularity = 50 + i % 50;
    t.audio_features = model::AudioFeatures{.energy = 0.9, .valence = 0.8, .tempo = 140.0};
    tracks.push_back(t);
  }
  ASSERT_TRUE(f.store().tracks().UpsertMany(std::move(tracks)).ok());
}

TEST(SpotifyPlaylists, GenerateWithSaveToSpotifyCreatesItThereAndStoresTheId) {
  SpotifyFixture f;
  SeedCatalogue(f, 30);
  json::object p = GeneratePlaylist(f, true);
  ASSERT_TRUE(p.contains("spotify")) << json::serialize(p);
  EXPECT_EQ(p.at("spotify").at("saved"), true) << json::serialize(p);
  EXPECT_EQ(p.at("spotifyPlaylistId"), "sp-playlist-1");
  auto stored = f.store().playlists().Get(*core::ObjectId::Parse(std::string(p.at("_id").as_string())));
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->spotify_playlist_id.value_or(""), "sp-playlist-1");
  EXPECT_EQ(f.fake.count("POST /v1/users/fake-user-1/playlists"), 1);
  EXPECT_EQ(f.fake.count("POST /v1/playlists/sp-playlist-1/tracks"), 1);
}

TEST(SpotifyPlaylists, TracksGoInChunksOf100AndAFailureLeavesOurPlaylist) {
  SpotifyFixture f;
  SeedCatalogue(f, 10);
  json::object p = GeneratePlaylist(f, false);
  EXPECT_FALSE(p.contains("spotify"));
  std::string id(p.at("_id").as_string());
  // 250 tracks: three chunks (100, 100, 50).
  std::vector<model::PlaylistTrack> tracks;
  for (int i = 0; i < 250; ++i) tracks.push_back({"trk" + std::to_string(i), "T", "A"});
  ASSERT_TRUE(f.store().playlists().ReplaceTracks(*core::ObjectId::Parse(id), tracks).ok());
  auto r = f.Post("/api/playlists/" + id + "/spotify");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.Json().at("data").at("tracksSent"), 250);
  auto sent = f.fake.commands();
  std::vector<size_t> chunks;
  for (const auto& c : sent) {
    if (c.line.find("/tracks") != std::string::npos) chunks.push_back(json::parse(c.body).at("uris").as_array().size());
  }
  EXPECT_EQ(chunks, (std::vector<size_t>{100, 100, 50}));
  // Sent already: not sent twice.
  auto again = f.Post("/api/playlists/" + id + "/spotify");
  EXPECT_EQ(again.Json().at("data").at("alreadySaved"), true);

  json::object other = GeneratePlaylist(f, false);
  std::string other_id(other.at("_id").as_string());
  f.fake.FailPlaylistTracksFrom(f.fake.NextTracksCall() + 1);
  auto failed = f.Post("/api/playlists/" + other_id + "/spotify");
  EXPECT_EQ(failed.status, 502u) << failed.body;
  EXPECT_EQ(failed.Json().at("code"), "SPOTIFY_UNAVAILABLE");
  auto kept = f.Get("/api/playlists/" + other_id);
  ASSERT_EQ(kept.status, 200u);
  EXPECT_FALSE(kept.Json().at("data").as_object().contains("spotifyPlaylistId"));
  EXPECT_EQ(kept.Json().at("data").at("trackCount"), other.at("trackCount"));
}

TEST(SpotifyPlaylists, GenerateStillStoresThePlaylistWhenSpotifyRefuses) {
  SpotifyFixture f;
  SeedCatalogue(f, 10);
  f.fake.ExpireToken(FakeSpotify::kAccess1);
  f.fake.RevokeRefreshToken();
  json::object p = GeneratePlaylist(f, true);
  EXPECT_EQ(p.at("spotify").at("saved"), false);
  EXPECT_EQ(p.at("spotify").at("error").at("code"), "SPOTIFY_AUTH_REQUIRED");
  auto listed = f.Get("/api/playlists");
  EXPECT_EQ(listed.Json().at("meta").at("total"), 1);
}

}  // namespace
}  // namespace echotune::e2e

namespace echotune::e2e {
namespace {

TEST(SpotifyNowPlaying, PollsOnlyWhileSomeoneSubscribes) {
  SpotifyFixture f({{"SPOTIFY_NOW_PLAYING_POLL_MS", "100"}});
  auto& hub = f.svc.service().now_playing();
  std::mutex mu;
  std::vector<api::NowPlayingEvent> events;
  auto id = hub.Subscribe(f.user_id, [&](const std::string&, const api::NowPlayingEvent& e) {
    std::lock_guard lock(mu);
    events.push_back(e);
  });
  for (int i = 0; i < 50; ++i) {
    {
      std::lock_guard lock(mu);
      if (events.size() >= 2) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  {
    std::lock_guard lock(mu);
    ASSERT_GE(events.size(), 2u);
    EXPECT_EQ(events[0].type, "now_playing");
    EXPECT_EQ(events[0].data.at("track").at("name"), "Fake Song");
    EXPECT_EQ(events[1].type, "queue_update");
    EXPECT_EQ(events[1].data.at("queue").at(0).at("name"), "Next Song");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  {
    std::lock_guard lock(mu);
    EXPECT_EQ(events.size(), 2u);  // unchanged playback is not pushed again
  }
  EXPECT_GE(f.fake.count("GET /v1/me/player"), 3);
  hub.Unsubscribe(id);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(hub.polling_users(), 0);
  int polls = f.fake.count("GET /v1/me/player");
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_EQ(f.fake.count("GET /v1/me/player"), polls);
}

}  // namespace
}  // namespace echotune::e2e
