// Issue 13, "several instances": two `echotune serve` processes on one
// MongoDB (mongo-wire) and one real redis-server behave as one service —
// Socket.IO events caused on A reach sockets on B, listens written through A
// reach B's model within 5 s, the every-5-listens refresh runs once across
// both, logout and OAuth state are shared, a user's now-playing state is
// polled by one instance and reaches each of their sockets once, and losing
// Redis degrades delivery to per-instance until the subscription is back.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <chrono>
#include <memory>
#include <thread>

#include "cache/redis_test_server.h"
#include "http/jwt_codec.h"
#include "store/mongo/mongo_test_backends.h"
#include "tests/e2e/child_process.h"
#include "tests/e2e/fake_spotify.h"
#include "tests/e2e/recs_api_fixture.h"
#include "tests/e2e/socketio_ws_client.h"

namespace echotune::e2e {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;
namespace mongo_testing = store::mongo::testing;

constexpr const char* kSecret = "cluster-e2e-secret";

// One `echotune serve` child on an ephemeral port.
struct Instance {
  std::unique_ptr<ChildProcess> process;
  uint16_t port = 0;
};

class ClusterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto server = store::mongo::testing::MongoWireServer::Start(false);
    if (server.ok()) mongo_ = std::move(server).value();
  }
  static void TearDownTestSuite() { mongo_.reset(); }

  void SetUp() override {
    if (!cache::testing::RedisTestServer::Installed()) GTEST_SKIP() << "redis-server is not installed";
    ASSERT_TRUE(mongo_) << "mongo-wire did not start";
    ASSERT_TRUE(redis_.Start());
    db_name_ = mongo_testing::FreshDatabaseName();
    auto cipher = store::TokenCipher::FromHex(mongo_testing::kTestTokenKey);
    ASSERT_TRUE(cipher.ok());
    auto opened = store::mongo::OpenMongoStore(mongo_testing::TestConfig(mongo_->uri(), db_name_),
                                               core::SystemClock::Instance(), *cipher);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    std::vector<model::TrackMetadata> tracks;
    for (int i = 0; i < 60; ++i) tracks.push_back(CatalogueTrack(i));
    ASSERT_TRUE(store_->tracks().UpsertMany(std::move(tracks)).ok());
    token_ = NewUser("cluster-listener", &user_id_);
    spotify_ = std::make_unique<FakeSpotify>();
    a_ = Launch();
    b_ = Launch();
    for (Instance* i : {&a_, &b_}) {
      ASSERT_NE(i->port, 0) << i->process->output();
      ASSERT_TRUE(WaitFor([&] { return Model(*i).at("ready").as_bool(); }, 20s)) << "model not built";
    }
  }
  void TearDown() override {
    a_ = {};
    b_ = {};
    spotify_.reset();
    store_.reset();
    if (mongo_) mongo_testing::DropDatabase(mongo_->uri(), db_name_);
  }

  // `with_spotify`: the user has connected Spotify (the fake's valid tokens).
  std::string NewUser(const std::string& spotify_id, std::string* id_out, bool with_spotify = false) {
    model::User u;
    u.spotify_id = spotify_id;
    u.display_name = spotify_id;
    if (with_spotify) {
      u.access_token = FakeSpotify::kAccess1;
      u.refresh_token = FakeSpotify::kRefresh1;
      u.token_expires_at = std::chrono::system_clock::now() + 1h;
    }
    auto stored = store_->users().UpsertBySpotifyId(u);
    EXPECT_TRUE(stored.ok());
    *id_out = stored->id.ToHex();
    return http::JwtCodec(kSecret, 3600, core::SystemClock::Instance()).Issue(*id_out, spotify_id);
  }

  Instance Launch() {
    Instance i;
    i.process = std::make_unique<ChildProcess>(
        std::vector<std::string>{"serve"},
        std::map<std::string, std::string>{{"PORT", "0"},
                                           {"HOST", "127.0.0.1"},
                                           {"MONGODB_URI", mongo_->uri()},
                                           {"MONGODB_DB_NAME", db_name_},
                                           {"MONGODB_MIN_POOL_SIZE", "1"},
                                           {"ECHOTUNE_TOKEN_KEY", mongo_testing::kTestTokenKey},
                                           {"REDIS_URL", redis_.Url()},
                                           {"JWT_SECRET", kSecret},
                                           {"ECHOTUNE_TEST_ROUTES", "1"},
                                           {"ECHOTUNE_THREADS", "2"},
                                           {"ECHOTUNE_WORKER_THREADS", "2"},
                                           {"RATE_LIMIT_GLOBAL", "100000"},
                                           {"RATE_LIMIT_RECS", "100000"},
                                           {"RATE_LIMIT_AUTH", "100000"},
                                           {"SPOTIFY_CLIENT_ID", "cluster-test-client"},
                                           {"SPOTIFY_ACCOUNTS_URL", "http://127.0.0.1:9"},
                                           {"SPOTIFY_API_URL", spotify_->url()},
                                           {"SPOTIFY_NOW_PLAYING_POLL_MS", "200"},
                                           {"SPOTIFY_SYNC_INTERVAL_S", "0"}});
    std::string port = i.process->WaitForLine(R"(listening on http://127\.0\.0\.1:(\d+))", 30s);
    if (!port.empty()) i.port = static_cast<uint16_t>(std::stoi(port));
    return i;
  }

  HttpReply Call(const Instance& i, bhttp::verb m, const std::string& target, const std::string& body = "",
                 const std::string& token = "") {
    return Fetch(i.port, m, target, body, {{"Authorization", "Bearer " + (token.empty() ? token_ : token)}});
  }
  json::value Model(const Instance& i) { return Call(i, bhttp::verb::get, "/api/_test/model/me").Json().at("data"); }

  HttpReply PostListens(const Instance& i, int from, int to) {
    json::array listens;
    for (int k = from; k < to; ++k) {
      auto at = std::chrono::system_clock::now() - 1h + std::chrono::minutes(k);
      listens.push_back(json::object{{"trackId", CatalogueTrack(k).spotify_id}, {"playedAt", core::FormatIso8601(at)}});
    }
    return Call(i, bhttp::verb::post, "/api/history", json::serialize(json::object{{"listens", listens}}));
  }
  void SendEvent(const Instance& i, int n) {
    auto r = Call(i, bhttp::verb::post, "/api/_test/realtime/to-user",
                  json::serialize(json::object{{"event", "cluster_probe"}, {"data", json::object{{"n", n}}}}));
    ASSERT_EQ(r.status, 200u) << r.body;
  }

  template <class Pred>
  static bool WaitFor(Pred pred, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (pred()) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

  static inline std::unique_ptr<store::mongo::testing::MongoWireServer> mongo_;
  std::unique_ptr<FakeSpotify> spotify_;
  cache::testing::RedisTestServer redis_;
  std::string db_name_;
  std::unique_ptr<store::Store> store_;
  std::string token_, user_id_;
  Instance a_, b_;
};

TEST_F(ClusterTest, AnEventPublishedOnAReachesTheUsersSocketsOnBothInstancesOnce) {
  SocketIoWs on_a(a_.port, token_), on_b(b_.port, token_);
  SendEvent(a_, 1);
  auto got = on_b.Next("cluster_probe", 3s);
  ASSERT_TRUE(got) << "the socket on B got nothing";
  EXPECT_EQ(got->data.at("n"), 1);
  EXPECT_TRUE(on_a.Next("cluster_probe", 1s)) << "the socket on A got nothing";
  // Neither instance delivers an event twice (A skips its own echo).
  EXPECT_EQ(on_a.Count("cluster_probe", 500ms), 0);
  EXPECT_EQ(on_b.Count("cluster_probe", 0ms), 0);
}

// Five listens posted to A: one refresh in the whole cluster, whose
// recommendation_update reaches the sockets on A and on B exactly once.
TEST_F(ClusterTest, FiveListensOnARefreshOnceAndPushRecommendationUpdateToB) {
  SocketIoWs on_a(a_.port, token_), on_b(b_.port, token_);
  ASSERT_EQ(PostListens(a_, 0, 5).status, 200u);
  auto update = on_b.Next("recommendation_update", 5s);
  ASSERT_TRUE(update) << "no recommendation_update on B";
  EXPECT_FALSE(update->data.at("tracks").as_array().empty());
  EXPECT_TRUE(on_a.Next("recommendation_update", 2s));
  EXPECT_EQ(on_b.Count("recommendation_update", 1500ms), 0) << "refreshed more than once";
  EXPECT_EQ(on_a.Count("recommendation_update", 0ms), 0) << "refreshed more than once";
  auto sets = store_->recommendations().ListSince(*core::ObjectId::Parse(user_id_),
                                                  std::chrono::system_clock::now() - 1h);
  ASSERT_TRUE(sets.ok());
  EXPECT_EQ(sets->size(), 1u) << "one refresh saves one set";
  // Three listens on A and two on B make five too: counted across instances.
  ASSERT_EQ(PostListens(a_, 10, 13).status, 200u);
  ASSERT_EQ(PostListens(b_, 13, 15).status, 200u);
  EXPECT_TRUE(on_b.Next("recommendation_update", 5s)) << "listens split over A and B did not count as five";
  EXPECT_EQ(on_b.Count("recommendation_update", 1500ms), 0);
}

TEST_F(ClusterTest, ListensWrittenThroughAReachBsModelWithinFiveSeconds) {
  ASSERT_EQ(Model(b_).at("listens"), 0);
  auto before = Call(b_, bhttp::verb::get, "/api/recommendations?limit=5");
  ASSERT_EQ(before.status, 200u) << before.body;
  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(PostListens(a_, 20, 23).status, 200u);
  ASSERT_TRUE(WaitFor([&] { return Model(b_).at("listens") == 3; }, 5s)) << json::serialize(Model(b_));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(Model(a_).at("listens"), 3);  // counted once on A too, not echoed back
  // B's answer now comes from the profile A's listens built.
  auto after = Call(b_, bhttp::verb::get, "/api/recommendations?limit=5");
  ASSERT_EQ(after.status, 200u) << after.body;
  EXPECT_NE(after.Json().at("meta").at("cached"), true);
  EXPECT_NE(after.Json().at("data"), before.Json().at("data"));
}

TEST_F(ClusterTest, LogoutAndOAuthStateAreSharedByTheInstances) {
  auto login = Fetch(a_.port, bhttp::verb::get, "/auth/login");
  ASSERT_EQ(login.status, 200u) << login.body;
  std::string state(login.Json().at("data").at("state").as_string());
  // B knows A's state: the callback gets past the state check to the code
  // exchange (which fails here: there is no Spotify).
  auto callback = Fetch(b_.port, bhttp::verb::get, "/auth/callback?code=c&state=" + state);
  EXPECT_EQ(callback.body.find("STATE_MISMATCH"), std::string::npos) << callback.body;
  // ...and the state was used once, for the whole cluster.
  auto again = Fetch(a_.port, bhttp::verb::get, "/auth/callback?code=c&state=" + state);
  EXPECT_NE(again.body.find("STATE_MISMATCH"), std::string::npos) << again.body;

  ASSERT_EQ(Call(b_, bhttp::verb::get, "/api/_test/me").status, 200u);
  ASSERT_EQ(Call(a_, bhttp::verb::post, "/auth/logout").status, 200u);
  auto refused = Call(b_, bhttp::verb::get, "/api/_test/me");
  EXPECT_EQ(refused.status, 401u);
  EXPECT_NE(refused.body.find("revoked"), std::string::npos) << refused.body;
  EXPECT_THROW(SocketIoWs(b_.port, token_), std::runtime_error);
}

// A user's sockets on A and B both subscribe to now_playing: one instance
// polls Spotify (a lease in Redis) and its events reach both sockets once —
// not once per polling instance.
TEST_F(ClusterTest, NowPlayingIsPolledByOneInstanceAndReachesEachSocketOnce) {
  std::string listener_id;
  std::string listener = NewUser("cluster-spotify-listener", &listener_id, /*with_spotify=*/true);
  SocketIoWs on_b(b_.port, listener, {"subscribe_now_playing"});
  auto first = on_b.Next("now_playing", 5s);
  ASSERT_TRUE(first) << "B polled nothing";
  EXPECT_TRUE(first->data.at("isPlaying").as_bool());
  // A's socket subscribes while B polls: A must not poll (and publish) too.
  SocketIoWs on_a(a_.port, listener, {"subscribe_now_playing"});
  EXPECT_EQ(on_b.Count("now_playing", 1500ms), 0) << "a second instance published the same state again";
  EXPECT_EQ(on_a.Count("now_playing", 0ms), 0);

  spotify_->SetNothingPlaying(true);  // a change: each socket hears of it once
  auto stopped_a = on_a.Next("now_playing", 5s);
  ASSERT_TRUE(stopped_a) << "the change did not reach the socket on A";
  EXPECT_FALSE(stopped_a->data.at("isPlaying").as_bool());
  auto stopped_b = on_b.Next("now_playing", 2s);
  ASSERT_TRUE(stopped_b) << "the change did not reach the socket on B";
  EXPECT_EQ(on_a.Count("now_playing", 1500ms), 0) << "duplicate now_playing on A";
  EXPECT_EQ(on_b.Count("now_playing", 0ms), 0) << "duplicate now_playing on B";
}

TEST_F(ClusterTest, LosingRedisDegradesToPerInstanceDeliveryAndRecoversAfterRestart) {
  SocketIoWs on_a(a_.port, token_), on_b(b_.port, token_);
  redis_.Stop();
  SendEvent(a_, 1);
  EXPECT_TRUE(on_a.Next("cluster_probe", 2s)) << "A's own socket must still get A's events";
  EXPECT_FALSE(on_b.Next("cluster_probe", 500ms));
  // Listens written through A meanwhile: B's model cannot hear of them now.
  ASSERT_EQ(PostListens(a_, 30, 32).status, 200u);
  EXPECT_EQ(Model(a_).at("listens"), 2);
  ASSERT_TRUE(redis_.Start());  // same port, empty
  // Both instances reconnect (backoff) and B resubscribes; then B hears A again.
  int n = 2;
  bool resumed = WaitFor(
      [&] {
        SendEvent(a_, n++);
        return on_b.Next("cluster_probe", 200ms).has_value();
      },
      20s);
  EXPECT_TRUE(resumed) << "B never heard from A after Redis came back";
  // On resubscribing B rebuilt its model from the store: the gap's listens are in it.
  EXPECT_TRUE(WaitFor([&] { return Model(b_).at("listens") == 2; }, 10s)) << json::serialize(Model(b_));
}

}  // namespace
}  // namespace echotune::e2e
