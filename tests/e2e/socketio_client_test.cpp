// Issue 13 over real HTTP with the stock socket.io-client v4 (Node): connect
// with the default options (polling, then upgrade) and with WebSocket only,
// auth failures, every client event with its ack, and the server events
// after the action that causes them.
#include <boost/json/serialize.hpp>

#include "tests/e2e/recs_api_fixture.h"
#include "tests/e2e/socketio_node.h"
#include "tests/e2e/spotify_fixture.h"

namespace echotune::e2e {
namespace {

class SocketIoClient : public RecsApiFixture {
 protected:
  void SetUp() override {
    ASSERT_TRUE(EnsureSocketIoClient()) << "npm ci in tests/socketio failed";
    RebuildEngine();
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(svc_.port()); }
  void Expect(const std::string& scenario, const std::string& json = "") {
    auto run = RunScenario(scenario, Url(), token_, json);
    EXPECT_EQ(run.exit_code, 0) << run.output;
  }
};

TEST_F(SocketIoClient, ConnectsWithDefaultOptionsByPollingThenUpgrades) { Expect("polling-upgrade"); }

TEST_F(SocketIoClient, ConnectsOverWebSocketOnlyAndAcksRequestRecommendations) { Expect("websocket"); }

TEST_F(SocketIoClient, RefusesABadOrMissingTokenWithConnectError) { Expect("auth-failure"); }

TEST_F(SocketIoClient, RevokedTokenIsRefused) {
  ASSERT_EQ(Post("/auth/logout", "").status, 200u);
  auto run = RunScenario("websocket", Url(), token_);
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.output.find("revoked"), std::string::npos) << run.output;
}

TEST_F(SocketIoClient, FiveNewListensPushRecommendationUpdateWithinTwoSeconds) {
  boost::json::array listens;
  for (int i = 0; i < 5; ++i) {
    auto at = std::chrono::system_clock::now() - std::chrono::minutes(30 - i);
    listens.push_back(boost::json::object{{"trackId", CatalogueTrack(20 + i).spotify_id},
                                          {"playedAt", core::FormatIso8601(at)}});
  }
  boost::json::object args{{"body", boost::json::object{{"listens", listens}}}};
  Expect("recommendation-update", boost::json::serialize(args));
}

TEST(SocketIoSpotify, SubscribeGetsNowPlayingAndPlaybackCommandsAreAcked) {
  ASSERT_TRUE(EnsureSocketIoClient());
  SpotifyFixture f({{"SPOTIFY_NOW_PLAYING_POLL_MS", "200"}});
  auto run = RunScenario("spotify", "http://127.0.0.1:" + std::to_string(f.svc.port()), f.token);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  // The socket left: polling stops (at the hub's next poll at the latest).
  for (int i = 0; i < 100 && f.svc.service().now_playing().polling_users() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(f.svc.service().now_playing().polling_users(), 0);
}

}  // namespace
}  // namespace echotune::e2e
