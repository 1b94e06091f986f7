// Issue 11 over real HTTP: /api/spotify/* against a local fake Spotify, with
// its failure switches (expired tokens, revoked refresh token, 429, 5xx, no
// active device, non-premium, slow answers).
#include <gtest/gtest.h>

#include <latch>
#include <thread>

#include "tests/e2e/spotify_fixture.h"

namespace echotune::e2e {
namespace {

namespace json = boost::json;

void ExpectError(const HttpReply& r, unsigned status, const char* code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.Json().at("code"), code) << r.body;
}

json::value Data(const HttpReply& r) { return r.Json().at("data"); }

TEST(SpotifyPlayback, MapsTheTrackAndEnrichesItFromTheCatalogue) {
  SpotifyFixture f;
  model::TrackMetadata t;
  t.spotify_id = kFakeTrackId;
  t.name = "Fake Song";
  t.artists = {{"artist-1", "Fake Artist"}};
  t.genres = {"synthpop"};
  t.audio_features = model::AudioFeatures{.energy = 0.8};
  ASSERT_TRUE(f.store().tracks().Upsert(t).ok());
  auto r = f.Get("/api/spotify/playback");
  ASSERT_EQ(r.status, 200u) << r.body;
  json::value d = r.Json().at("data");
  EXPECT_EQ(d.at("isPlaying"), true);
  EXPECT_EQ(d.at("progressMs"), 61000);
  EXPECT_EQ(d.at("device").at("name"), "Kitchen Speaker");
  const auto& track = d.at("track");
  EXPECT_EQ(track.at("trackId"), kFakeTrackId);
  EXPECT_EQ(track.at("name"), "Fake Song");
  EXPECT_EQ(track.at("artist"), "Fake Artist");
  EXPECT_EQ(track.at("durationMs"), 213000);
  EXPECT_EQ(track.at("inCatalogue"), true);
  EXPECT_EQ(track.at("genres").as_array().at(0), "synthpop");
  EXPECT_EQ(track.at("audioFeatures").at("energy"), 0.8);
}

TEST(SpotifyPlayback, NothingPlayingIsNotAnError) {
  SpotifyFixture f;
  f.fake.SetNothingPlaying(true);
  auto r = f.Get("/api/spotify/playback");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(Data(r).at("isPlaying"), false);
  EXPECT_TRUE(Data(r).at("track").is_null());
}

TEST(SpotifyPlayback, RequiresAJwt) {
  SpotifyFixture f;
  ExpectError(Fetch(f.svc.port(), bhttp::verb::get, "/api/spotify/playback"), 401, "MISSING_TOKEN");
}

TEST(SpotifyDevices, ListsTheDevices) {
  SpotifyFixture f;
  auto r = f.Get("/api/spotify/devices");
  ASSERT_EQ(r.status, 200u) << r.body;
  json::value data = Data(r);
  const auto& devices = data.at("devices").as_array();
  ASSERT_EQ(devices.size(), 2u);
  EXPECT_EQ(devices[0].at("id"), "dev-kitchen");
  EXPECT_EQ(devices[0].at("isActive"), true);
  EXPECT_EQ(devices[1].at("volumePercent"), 70);
}

TEST(SpotifySearch, ReturnsEachRequestedType) {
  SpotifyFixture f;
  auto r = f.Get("/api/spotify/search?q=bohemian%20rhapsody&type=track,artist,album,playlist&limit=5&offset=0");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(Data(r).at("tracks").at("items").at(0).at("name"), "bohemian rhapsody (song)");
  EXPECT_EQ(Data(r).at("artists").at("items").at(0).at("name"), "Fake Artist");
  EXPECT_EQ(Data(r).at("albums").at("total"), 1);
  EXPECT_EQ(Data(r).at("playlists").at("items").at(0).at("uri"), kFakePlaylistUri);
  EXPECT_EQ(f.fake.count("GET /v1/search"), 1);
}

TEST(SpotifySearch, BadParametersAreValidationErrorsNamingThem) {
  SpotifyFixture f;
  for (auto [target, field] : {std::pair{"/api/spotify/search", "q"}, std::pair{"/api/spotify/search?q=a&limit=0", "limit"},
                               std::pair{"/api/spotify/search?q=a&limit=51", "limit"},
                               std::pair{"/api/spotify/search?q=a&type=song", "type"},
                               std::pair{"/api/spotify/search?q=a&offset=-1", "offset"}}) {
    auto r = f.Get(target);
    ExpectError(r, 400, "VALIDATION_ERROR");
    EXPECT_EQ(r.Json().at("details").at("field"), field) << target;
  }
  EXPECT_EQ(f.fake.count("GET /v1/search"), 0);
}

TEST(SpotifyPlayer, EachCommandReachesSpotify) {
  SpotifyFixture f;
  struct Case {
    const char* path;
    const char* body;
    const char* sent;  // method + target at the fake
  };
  const Case cases[] = {
      {"/api/spotify/play", R"({"uris": ["spotify:track:abc"], "positionMs": 5})", "PUT /v1/me/player/play"},
      {"/api/spotify/pause", "", "PUT /v1/me/player/pause"},
      {"/api/spotify/play", "", "PUT /v1/me/player/play"},  // no body: resume
      {"/api/spotify/skip", "", "POST /v1/me/player/next"},
      {"/api/spotify/previous", "", "POST /v1/me/player/previous"},
      {"/api/spotify/volume", R"({"percent": 30})", "PUT /v1/me/player/volume?volume_percent=30"},
      {"/api/spotify/shuffle", R"({"state": false})", "PUT /v1/me/player/shuffle?state=false"},
      {"/api/spotify/repeat", R"({"state": "track"})", "PUT /v1/me/player/repeat?state=track"},
      {"/api/spotify/queue", R"({"uri": "spotify:track:abc"})", "POST /v1/me/player/queue?uri=spotify%3Atrack%3Aabc"},
      {"/api/spotify/transfer", R"({"deviceId": "dev-laptop", "play": true})", "PUT /v1/me/player"},
  };
  for (const auto& c : cases) {
    auto r = f.Post(c.path, c.body);
    EXPECT_EQ(r.status, 200u) << c.path << " " << r.body;
    auto sent = f.fake.commands();
    ASSERT_FALSE(sent.empty());
    EXPECT_EQ(sent.back().line, c.sent) << c.path;
  }
  auto sent = f.fake.commands();
  EXPECT_EQ(json::parse(sent[0].body).at("uris").at(0), "spotify:track:abc");
  EXPECT_EQ(json::parse(sent[0].body).at("position_ms"), 5);
  EXPECT_EQ(json::parse(sent.back().body).at("device_ids").at(0), "dev-laptop");
}

TEST(SpotifyPlayer, BadBodiesAreValidationErrorsNamingTheField) {
  SpotifyFixture f;
  struct Case {
    const char* path;
    const char* body;
    const char* field;
  };
  const Case cases[] = {
      {"/api/spotify/volume", R"({"percent": 101})", "percent"},
      {"/api/spotify/volume", R"({"percent": "loud"})", "percent"},
      {"/api/spotify/shuffle", R"({"state": "yes"})", "state"},
      {"/api/spotify/repeat", R"({"state": "forever"})", "state"},
      {"/api/spotify/queue", R"({"uri": "bohemian rhapsody"})", "uri"},
      {"/api/spotify/transfer", R"({})", "deviceId"},
      {"/api/spotify/play", R"({"uris": ["http://x"]})", "uris[0]"},
      {"/api/spotify/play", R"({"positionMs": -1})", "positionMs"},
      {"/api/spotify/command", R"({"text": ""})", "text"},
  };
  for (const auto& c : cases) {
    auto r = f.Post(c.path, c.body);
    ExpectError(r, 400, "VALIDATION_ERROR");
    EXPECT_EQ(r.Json().at("details").at("field"), c.field) << c.path << " " << c.body;
  }
  EXPECT_TRUE(f.fake.commands().empty());
}

TEST(SpotifyPlayer, NoActiveDeviceIs404WithTheDeviceList) {
  SpotifyFixture f;
  f.fake.SetNoActiveDevice(true);
  for (const char* path : {"/api/spotify/pause", "/api/spotify/skip"}) {
    auto r = f.Post(path);
    ExpectError(r, 404, "NO_ACTIVE_DEVICE");
    json::value body = r.Json();
    const auto& devices = body.at("details").at("devices").as_array();
    ASSERT_EQ(devices.size(), 2u);
    EXPECT_EQ(devices[0].at("name"), "Kitchen Speaker");
  }
}

TEST(SpotifyPlayer, NonPremiumIs403PremiumRequired) {
  SpotifyFixture f;
  f.fake.SetNonPremium(true);
  ExpectError(f.Post("/api/spotify/pause"), 403, "PREMIUM_REQUIRED");
  ExpectError(f.Post("/api/spotify/volume", R"({"percent": 10})"), 403, "PREMIUM_REQUIRED");
}

TEST(SpotifyLibrary, RecentlyPlayedAndTop) {
  SpotifyFixture f;
  f.fake.SetRecentlyPlayed({{"t1", "Song One", "Artist A", "2026-11-20T18:04:00.000Z", 1795197840000}});
  auto r = f.Get("/api/spotify/recently-played?limit=10");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(Data(r).at("items").at(0).at("track").at("trackId"), "t1");
  EXPECT_EQ(Data(r).at("items").at(0).at("playedAt"), "2026-11-20T18:04:00.000Z");
  auto top = f.Get("/api/spotify/top?type=artists&range=short&limit=5");
  ASSERT_EQ(top.status, 200u) << top.body;
  EXPECT_EQ(Data(top).at("items").at(0).at("name"), "Fake Artist");
  EXPECT_EQ(f.fake.count("GET /v1/me/top/artists"), 1);
  ExpectError(f.Get("/api/spotify/top?range=forever"), 400, "VALIDATION_ERROR");
  ExpectError(f.Get("/api/spotify/recently-played?limit=99"), 400, "VALIDATION_ERROR");
}

TEST(SpotifyAuth, UserWithoutTokensIsAskedToConnect) {
  SpotifyFixture f;
  std::string jwt = f.NewUser("not-connected", "", std::chrono::seconds(0));
  ExpectError(f.Get("/api/spotify/devices", jwt), 401, "SPOTIFY_AUTH_REQUIRED");
  EXPECT_EQ(f.fake.requests(), 0);
}

TEST(SpotifyAuth, RevokedRefreshTokenAsksForALoginAndClearsTheTokens) {
  SpotifyFixture f;
  f.fake.ExpireToken(FakeSpotify::kAccess1);
  f.fake.RevokeRefreshToken();
  ExpectError(f.Get("/api/spotify/devices"), 401, "SPOTIFY_AUTH_REQUIRED");
  model::User u = f.StoredUser();
  EXPECT_EQ(u.access_token.value_or(""), "");
  EXPECT_EQ(u.refresh_token.value_or(""), "");
  ExpectError(f.Get("/api/spotify/devices"), 401, "SPOTIFY_AUTH_REQUIRED");
}

TEST(SpotifyAuth, TokenExpiringMidSessionIsRefreshedOnceFor20ConcurrentCalls) {
  SpotifyFixture f;
  ASSERT_EQ(f.Get("/api/spotify/devices").status, 200u);  // the token is in use
  f.fake.ExpireToken(FakeSpotify::kAccess1);
  f.fake.SetDelay(std::chrono::milliseconds(20));  // the calls overlap at the fake
  constexpr int kCalls = 20;
  std::latch start(kCalls);
  std::vector<unsigned> statuses(kCalls);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCalls; ++i) {
    threads.emplace_back([&, i] {
      HttpConnection c(f.svc.port());
      start.arrive_and_wait();
      statuses[i] = c.Send(bhttp::verb::get, "/api/spotify/playback", "", {{"Authorization", "Bearer " + f.token}}).status;
    });
  }
  for (auto& t : threads) t.join();
  for (unsigned s : statuses) EXPECT_EQ(s, 200u);
  EXPECT_EQ(f.fake.refreshes(), 1);
  EXPECT_EQ(f.StoredUser().access_token, FakeSpotify::kAccess2);  // stored (encrypted at rest)
}

TEST(SpotifyAuth, TokenIsRefreshedBeforeItExpires) {
  SpotifyFixture f;
  std::string jwt = f.NewUser("soon-expiring", FakeSpotify::kAccess1, std::chrono::seconds(30));
  ASSERT_EQ(f.Get("/api/spotify/devices", jwt).status, 200u);
  EXPECT_EQ(f.fake.refreshes(), 1);
  EXPECT_EQ(f.fake.count("GET /v1/me/player/devices"), 1);  // no 401 round trip
}

TEST(SpotifyRetries, ShortRetryAfterIsWaitedOnceLongOneIsPassedOn) {
  SpotifyFixture f;
  f.fake.RateLimitNext(1, 1);
  EXPECT_EQ(f.Get("/api/spotify/devices").status, 200u);
  f.fake.RateLimitNext(2, 30);
  auto r = f.Get("/api/spotify/devices");
  ExpectError(r, 429, "RATE_LIMITED");
  EXPECT_EQ(r.Header("Retry-After"), "30");
  EXPECT_EQ(r.Json().at("details").at("retryAfter"), 30);
}

TEST(SpotifyRetries, ServerErrorIsRetriedOnceThen502AndHealthIsDegraded) {
  SpotifyFixture f;
  f.fake.FailNext(1, 503);
  EXPECT_EQ(f.Get("/api/spotify/devices").status, 200u);
  f.fake.FailNext(2, 500);
  ExpectError(f.Get("/api/spotify/devices"), 502, "SPOTIFY_UNAVAILABLE");
  auto health = Fetch(f.svc.port(), bhttp::verb::get, "/api/health");
  ASSERT_EQ(health.status, 200u) << health.body;
  EXPECT_EQ(health.Json().at("data").at("status"), "degraded");
  EXPECT_EQ(health.Json().at("data").at("services").at("spotify").at("status"), "degraded");
  EXPECT_EQ(health.Json().at("data").at("services").at("database").at("status"), "connected");
}

TEST(SpotifyRetries, SlowSpotifyTimesOutAs502) {
  SpotifyFixture f({{"SPOTIFY_TIMEOUT_MS", "200"}});
  f.fake.SetDelay(std::chrono::milliseconds(1000));
  auto start = std::chrono::steady_clock::now();
  ExpectError(f.Get("/api/spotify/devices"), 502, "SPOTIFY_UNAVAILABLE");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

TEST(SpotifyMetrics, EveryCallIsCounted) {
  SpotifyFixture f;
  ASSERT_EQ(f.Get("/api/spotify/devices").status, 200u);
  auto m = Fetch(f.svc.port(), bhttp::verb::get, "/metrics");
  EXPECT_NE(m.body.find(R"(echotune_spotify_requests_total{endpoint="devices",status="200"} 1)"), std::string::npos)
      << m.body.substr(0, 2000);
  EXPECT_NE(m.body.find("echotune_spotify_request_duration_seconds_bucket"), std::string::npos);
}

TEST(SpotifyCommand, FreeTextDrivesThePlayer) {
  SpotifyFixture f;
  auto calm = f.Post("/api/spotify/command", R"({"text": "play something calm"})");
  ASSERT_EQ(calm.status, 200u) << calm.body;
  EXPECT_EQ(Data(calm).at("understood"), "play");
  EXPECT_EQ(json::parse(f.fake.commands().back().body).at("context_uri"), kFakePlaylistUri);

  auto volume = f.Post("/api/spotify/command", R"({"text": "volume 30"})");
  ASSERT_EQ(volume.status, 200u) << volume.body;
  EXPECT_EQ(Data(volume).at("percent"), 30);
  EXPECT_EQ(f.fake.commands().back().line, "PUT /v1/me/player/volume?volume_percent=30");

  auto louder = f.Post("/api/spotify/command", R"({"text": "turn it up"})");
  ASSERT_EQ(louder.status, 200u) << louder.body;
  EXPECT_EQ(Data(louder).at("percent"), 50);  // 40 + 10

  auto queue = f.Post("/api/spotify/command", R"({"text": "queue bohemian rhapsody"})");
  ASSERT_EQ(queue.status, 200u) << queue.body;
  EXPECT_EQ(f.fake.commands().back().line,
            std::string("POST /v1/me/player/queue?uri=spotify%3Atrack%3A") + kFakeTrackId);

  auto kitchen = f.Post("/api/spotify/command", R"({"text": "switch to kitchen speaker"})");
  ASSERT_EQ(kitchen.status, 200u) << kitchen.body;
  EXPECT_EQ(json::parse(f.fake.commands().back().body).at("device_ids").at(0), "dev-kitchen");

  for (const char* text : {"skip", "shuffle off", "pause", "previous", "repeat off"}) {
    auto r = f.Post("/api/spotify/command", std::string(R"({"text": ")") + text + "\"}");
    EXPECT_EQ(r.status, 200u) << text << " " << r.body;
  }
  EXPECT_EQ(f.fake.commands().back().line, "PUT /v1/me/player/repeat?state=off");
}

TEST(SpotifyCommand, UnknownTextOrDeviceIsAClearError) {
  SpotifyFixture f;
  ExpectError(f.Post("/api/spotify/command", R"({"text": "hello there"})"), 400, "VALIDATION_ERROR");
  auto r = f.Post("/api/spotify/command", R"({"text": "switch to the garage"})");
  ExpectError(r, 404, "NOT_FOUND");
  EXPECT_EQ(r.Json().at("details").at("devices").as_array().size(), 2u);
  ExpectError(f.Post("/api/spotify/command", R"({"text": "play nothing at all"})"), 404, "NOT_FOUND");
  f.fake.SetNoActiveDevice(true);
  ExpectError(f.Post("/api/spotify/command", R"({"text": "pause"})"), 404, "NO_ACTIVE_DEVICE");
}

}  // namespace
}  // namespace echotune::e2e
