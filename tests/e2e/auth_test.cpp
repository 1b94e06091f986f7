// Issue 7, auth over real HTTP: the Spotify login with PKCE against a local
// fake accounts service and Web API, token refresh and logout.
#include <gtest/gtest.h>

#include <boost/url/parse.hpp>
#include <latch>
#include <thread>

#include "cache/redis_test_server.h"
#include "spotify/pkce.h"
#include "tests/e2e/fake_spotify.h"
#include "tests/e2e/http_client.h"
#include "tests/e2e/test_service.h"

namespace echotune::e2e {
namespace {

constexpr char kScopes[] =
    "user-read-private user-read-email playlist-modify-public playlist-modify-private "
    "user-read-recently-played user-top-read user-library-read user-library-modify "
    "user-read-playback-state user-modify-playback-state streaming";

std::string QueryParam(const std::string& url, std::string_view name) {
  auto u = boost::urls::parse_uri(url).value();
  auto it = u.params().find(name);
  return it == u.params().end() ? std::string("<absent>") : std::string((*it).value);
}

std::string Bearer(const std::string& token) { return "Bearer " + token; }

// A service talking to a fake Spotify; generous /auth/* rate limit.
struct AuthFixture {
  // An empty redis_url means the in-process cache.
  explicit AuthFixture(std::string secret = "", std::string redis_url = "")
      : svc({{"SPOTIFY_ACCOUNTS_URL", fake.url()},
             {"SPOTIFY_API_URL", fake.url() + "/"},
             {"SPOTIFY_CLIENT_ID", "test-client"},
             {"SPOTIFY_CLIENT_SECRET", secret},
             {"SPOTIFY_REDIRECT_URI", "http://127.0.0.1:3000/auth/callback"},
             {"REDIS_URL", redis_url},
             {"RATE_LIMIT_AUTH", "1000"}}) {}

  HttpReply Get(const std::string& target, const std::string& token = "") {
    if (token.empty()) return Fetch(svc.port(), bhttp::verb::get, target);
    return Fetch(svc.port(), bhttp::verb::get, target, "", {{"Authorization", Bearer(token)}});
  }
  HttpReply Post(const std::string& target, const std::string& token) {
    if (token.empty()) return Fetch(svc.port(), bhttp::verb::post, target);
    return Fetch(svc.port(), bhttp::verb::post, target, "", {{"Authorization", Bearer(token)}});
  }
  // GET /auth/login; returns {authUrl, state}.
  boost::json::object Login() {
    auto r = Get("/auth/login");
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.Json().at("data").as_object();
  }
  HttpReply Callback(const std::string& code, const std::string& state) {
    return Get("/auth/callback?code=" + code + "&state=" + state);
  }
  // The whole flow; returns our JWT.
  std::string LogIn() {
    auto login = Login();
    auto r = Callback(FakeSpotify::kGoodCode, std::string(login.at("state").as_string()));
    EXPECT_EQ(r.status, 200u) << r.body;
    return std::string(r.Json().at("data").at("token").as_string());
  }

  FakeSpotify fake;
  TestService svc;
};

void ExpectError(const HttpReply& r, unsigned status, const char* code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.Json().at("success"), false);
  EXPECT_EQ(r.Json().at("code"), code) << r.body;
}

TEST(AuthLogin, BuildsAPkceAuthorizeUrlWithTheContractScopes) {
  AuthFixture f;
  auto login = f.Login();
  std::string url(login.at("authUrl").as_string());
  std::string state(login.at("state").as_string());
  EXPECT_EQ(url.rfind(f.fake.url() + "/authorize?", 0), 0u) << url;
  EXPECT_EQ(QueryParam(url, "client_id"), "test-client");
  EXPECT_EQ(QueryParam(url, "response_type"), "code");
  EXPECT_EQ(QueryParam(url, "redirect_uri"), "http://127.0.0.1:3000/auth/callback");
  EXPECT_EQ(QueryParam(url, "code_challenge_method"), "S256");
  EXPECT_EQ(QueryParam(url, "code_challenge").size(), 43u);
  EXPECT_EQ(QueryParam(url, "state"), state);
  EXPECT_GE(state.size(), 32u);
  EXPECT_EQ(QueryParam(url, "scope"), kScopes);
  EXPECT_EQ(QueryParam(url, "show_dialog"), "<absent>");
  auto forced = f.Get("/auth/login?force=true").Json().at("data").at("authUrl").as_string();
  EXPECT_EQ(QueryParam(std::string(forced), "show_dialog"), "true");
  EXPECT_NE(f.Login().at("state"), login.at("state"));
}

TEST(AuthLogin, WithoutAClientIdIsServiceUnavailable) {
  TestService svc({{"RATE_LIMIT_AUTH", "1000"}});
  ExpectError(Fetch(svc.port(), bhttp::verb::get, "/auth/login"), 503, "SERVICE_UNAVAILABLE");
}

TEST(AuthCallback, FullFlowIssuesAJwtThatOpensProtectedRoutes) {
  AuthFixture f;
  auto login = f.Login();
  std::string state(login.at("state").as_string());
  auto r = f.Callback(FakeSpotify::kGoodCode, state);
  ASSERT_EQ(r.status, 200u) << r.body;
  auto data = r.Json().at("data").as_object();
  auto& user = data.at("user").as_object();
  EXPECT_EQ(user.at("spotifyId"), "fake-user-1");
  EXPECT_EQ(user.at("displayName"), "Fake Listener");
  EXPECT_EQ(user.at("email"), "listener@example.test");
  EXPECT_EQ(user.at("premium"), true);
  EXPECT_EQ(user.at("followers"), 42);
  EXPECT_FALSE(user.contains("accessToken"));
  EXPECT_FALSE(user.contains("refreshToken"));
  EXPECT_EQ(r.body.find("access-1"), std::string::npos);
  // PKCE: the verifier sent to the token endpoint matches the challenge of the URL.
  auto form = f.fake.last_token_form();
  EXPECT_EQ(form["grant_type"], "authorization_code");
  EXPECT_EQ(form["client_id"], "test-client");
  EXPECT_EQ(form["redirect_uri"], "http://127.0.0.1:3000/auth/callback");
  EXPECT_EQ(spotify::CodeChallengeS256(form["code_verifier"]),
            QueryParam(std::string(login.at("authUrl").as_string()), "code_challenge"));
  EXPECT_EQ(f.fake.last_authorization(), "");  // no client secret: PKCE only
  // The stored user has the tokens; the JWT works.
  auto stored = f.svc.service().store().users().GetBySpotifyId("fake-user-1");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->access_token, FakeSpotify::kAccess1);
  EXPECT_EQ(stored->refresh_token, FakeSpotify::kRefresh1);
  std::string token(data.at("token").as_string());
  auto me = f.Get("/api/user/settings", token);
  EXPECT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(me.Json().at("data").at("userId"), stored->id.ToHex().c_str());
}

TEST(AuthCallback, ReplayedUnknownOrMissingStateIsStateMismatch) {
  AuthFixture f;
  std::string state(f.Login().at("state").as_string());
  EXPECT_EQ(f.Callback(FakeSpotify::kGoodCode, state).status, 200u);
  ExpectError(f.Callback(FakeSpotify::kGoodCode, state), 400, "STATE_MISMATCH");
  ExpectError(f.Callback(FakeSpotify::kGoodCode, "deadbeef"), 400, "STATE_MISMATCH");
  ExpectError(f.Get("/auth/callback?code=good-code"), 400, "STATE_MISMATCH");
}

// Replays one state from `callers` connections at once, `rounds` times: each
// round exactly one callback logs in, every other one is STATE_MISMATCH.
void ExpectConcurrentReplaysLogInOnce(AuthFixture& f, int rounds, int callers) {
  for (int round = 0; round < rounds; ++round) {
    std::string state(f.Login().at("state").as_string());
    std::vector<HttpReply> replies(callers);
    std::latch start(callers);
    std::vector<std::thread> threads;
    for (int c = 0; c < callers; ++c) {
      threads.emplace_back([&, c] {
        start.arrive_and_wait();
        replies[c] = f.Callback(FakeSpotify::kGoodCode, state);
      });
    }
    for (auto& t : threads) t.join();
    int ok = 0;
    for (const auto& r : replies) {
      if (r.status == 200) {
        ++ok;
      } else {
        ExpectError(r, 400, "STATE_MISMATCH");
      }
    }
    EXPECT_EQ(ok, 1) << "round " << round;
  }
}

TEST(AuthCallback, ConcurrentReplaysOfOneStateLogInExactlyOnce) {
  AuthFixture f;
  ExpectConcurrentReplaysLogInOnce(f, 10, 8);
}

TEST(AuthCallback, ConcurrentReplaysOfOneStateLogInExactlyOnceWithRedis) {
  if (!cache::testing::RedisTestServer::Installed()) GTEST_SKIP() << "redis-server is not installed";
  cache::testing::RedisTestServer redis;
  ASSERT_TRUE(redis.Start());
  AuthFixture f("", redis.Url());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (f.svc.service().cache().Health().StatusName() != "connected") {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "Redis not connected";
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ExpectConcurrentReplaysLogInOnce(f, 10, 8);
  std::string state(f.Login().at("state").as_string());
  EXPECT_TRUE(redis.Client().Get("oauth:state:" + state).has_value());  // kept in Redis
  EXPECT_EQ(f.Callback(FakeSpotify::kGoodCode, state).status, 200u);
  EXPECT_FALSE(redis.Client().Get("oauth:state:" + state).has_value());  // and taken from it
}

TEST(AuthCallback, DeniedConsentIsOauthDenied) {
  AuthFixture f;
  std::string state(f.Login().at("state").as_string());
  ExpectError(f.Get("/auth/callback?error=access_denied&state=" + state), 400, "OAUTH_DENIED");
  EXPECT_EQ(f.fake.requests(), 0);
}

TEST(AuthCallback, CodeRefusedBySpotifyIsAClearValidationError) {
  AuthFixture f;
  auto r = f.Callback("bad-code", std::string(f.Login().at("state").as_string()));
  ExpectError(r, 400, "VALIDATION_ERROR");
  EXPECT_EQ(r.Json().at("details").at("field"), "code");
  EXPECT_NE(r.body.find("invalid_grant"), std::string::npos) << r.body;
}

TEST(AuthCallback, ClientSecretGoesAsBasicAuth) {
  AuthFixture f("s3cret");
  f.LogIn();
  EXPECT_EQ(f.fake.last_authorization(), "Basic dGVzdC1jbGllbnQ6czNjcmV0");  // test-client:s3cret
}

TEST(AuthCallback, ShortRetryAfterIsHonouredOnceLongOneIsRateLimited) {
  AuthFixture f;
  f.fake.RateLimitNext(1, 1);
  auto ok = f.Callback(FakeSpotify::kGoodCode, std::string(f.Login().at("state").as_string()));
  EXPECT_EQ(ok.status, 200u) << ok.body;
  f.fake.RateLimitNext(2, 60);
  auto limited = f.Callback(FakeSpotify::kGoodCode, std::string(f.Login().at("state").as_string()));
  ExpectError(limited, 429, "RATE_LIMITED");
  EXPECT_EQ(limited.Json().at("details").at("retryAfter"), 60);
}

TEST(AuthRefresh, StoresTheNewSpotifyTokenAndReturnsOnlyTheExpiry) {
  AuthFixture f;
  std::string token = f.LogIn();
  auto r = f.Post("/auth/refresh", token);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_TRUE(r.Json().at("data").at("expiresAt").is_string());
  EXPECT_EQ(r.body.find("access-2"), std::string::npos);
  EXPECT_EQ(f.fake.last_token_form()["grant_type"], "refresh_token");
  auto stored = f.svc.service().store().users().GetBySpotifyId("fake-user-1");
  EXPECT_EQ(stored->access_token, FakeSpotify::kAccess2);
  EXPECT_EQ(stored->refresh_token, FakeSpotify::kRefresh1);  // kept: Spotify sent none
}

TEST(AuthRefresh, RefusedRefreshTokenAsksForANewLogin) {
  AuthFixture f;
  std::string token = f.LogIn();
  auto& users = f.svc.service().store().users();
  auto id = users.GetBySpotifyId("fake-user-1")->id;
  ASSERT_TRUE(users.UpdateTokens(id, "x", std::string("stale"), std::chrono::system_clock::now()).ok());
  ExpectError(f.Post("/auth/refresh", token), 401, "SPOTIFY_AUTH_REQUIRED");
  ExpectError(f.Post("/auth/refresh", ""), 401, "MISSING_TOKEN");
}

TEST(AuthLogout, RevokesThatTokenOnly) {
  AuthFixture f;
  std::string token = f.LogIn();
  std::string other = f.LogIn();
  EXPECT_EQ(f.Post("/auth/logout", token).status, 200u);
  ExpectError(f.Get("/api/user/settings", token), 401, "INVALID_TOKEN");
  ExpectError(f.Post("/auth/logout", token), 401, "INVALID_TOKEN");
  EXPECT_EQ(f.Get("/api/user/settings", other).status, 200u);
}

}  // namespace
}  // namespace echotune::e2e
