// Issue 15, authorization over real HTTP: user B's token on every resource of
// user A is a 404 indistinguishable from an id that does not exist; no body
// may set a server-owned field; every kind of bad JWT on every protected route
// is a 401; and no token (our JWT, Spotify's access and refresh tokens) ever
// appears in a response or a log line. Routes come from the router's own
// table (/api/docs/openapi.json), so a new route cannot escape the matrix.
#include <gtest/gtest.h>

#include <jwt/jwt.hpp>
#include <map>
#include <set>

#include "spotify/pkce.h"
#include "tests/e2e/chat_fixture.h"
#include "tests/e2e/log_capture.h"

namespace echotune::e2e {
namespace {

namespace json = boost::json;

// Every route whose path has an {id}, and how the matrix reaches it. A route
// with an id that is missing here fails EveryRouteWithAnIdIsInTheMatrix.
const std::set<std::string> kRoutesWithIds = {
    "GET /api/playlists/{id}",
    "PATCH /api/playlists/{id}",
    "POST /api/playlists/{id}/spotify",
    "DELETE /api/chat/sessions/{id}",
};

// Server-owned fields of the data contract: no request body may carry them.
const std::vector<std::string> kServerOwnedFields = {
    "userId", "_id", "createdAt", "updatedAt", "spotifyId", "accessToken", "refreshToken",
    "tokenExpiresAt", "tokens", "jwtSecret"};

struct Operation {
  bhttp::verb method;
  std::string pattern;
  bool auth = false;
  std::optional<json::value> example;  // the documented request body
  std::string Name() const { return std::string(bhttp::to_string(method)) + " " + pattern; }
};

std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Unpadded base64url, as JWTs are (the PKCE encoder's).
std::string Base64Url(std::string_view s) { return spotify::Base64UrlEncode(s); }

long long NowS() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A token signed as the attacker chooses: algorithm, key and time claims.
std::string SignedToken(const std::string& alg, const std::string& key, const std::string& user_id,
                        long long exp, std::optional<long long> nbf = std::nullopt) {
  using namespace jwt::params;
  jwt::jwt_object obj{algorithm(alg), secret(key),
                      payload({{"userId", user_id}, {"spotifyId", "x"}, {"jti", "attack-" + alg}})};
  obj.add_claim("iat", static_cast<uint64_t>(NowS()));
  obj.add_claim("exp", static_cast<uint64_t>(exp));
  if (nbf) obj.add_claim("nbf", static_cast<uint64_t>(*nbf));
  return obj.signature();
}

// Logs first (see LogCapture), then the service.
struct WithLogCapture {
  LogCapture logs_;
};

class AuthzMatrix : public WithLogCapture, public ChatFixture {
 protected:
  AuthzMatrix() : ChatFixture({{"RATE_LIMIT_AUTH", "100000"}, {"RATE_LIMIT_SPOTIFY", "100000"},
                               {"RATE_LIMIT_RECS", "100000"}}) {
    intruder_ = NewUser("intruder", FakeSpotify::kAccess2, &intruder_id_);
  }

  void TearDown() override { ExpectNoSecretAnywhere(); }

  // Every request of the test goes through here, so that TearDown can look
  // for secrets in every response.
  HttpReply Call(bhttp::verb m, const std::string& target, const std::string& body, const std::string& token,
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    auto r = Fetch(svc_.port(), m, target, body, std::move(headers));
    seen_.push_back(r.body);
    for (const auto& f : r.headers) seen_.push_back(std::string(f.value()));
    return r;
  }

  std::vector<Operation> Operations() {
    auto r = Call(bhttp::verb::get, "/api/docs/openapi.json", "", "");
    EXPECT_EQ(r.status, 200u);
    std::vector<Operation> out;
    auto doc = r.Json();
    for (const auto& [path, item] : doc.at("paths").as_object()) {
      for (const auto& [method, op] : item.as_object()) {
        Operation o{bhttp::string_to_verb(Upper(std::string(method))), std::string(path)};
        o.auth = op.as_object().contains("security");
        if (const auto* body = op.as_object().if_contains("requestBody")) {
          o.example = body->at("content").at("application/json").at("example");
        }
        out.push_back(std::move(o));
      }
    }
    return out;
  }

  // User A's resources.
  struct Owned {
    std::string playlist, session, recommendation, track;
  };
  Owned MakeResources() {
    Owned o;
    auto p = Call(bhttp::verb::post, "/api/playlists/generate", R"({"prompt": "upbeat rock", "trackCount": 5})", token_);
    EXPECT_EQ(p.status, 201u) << p.body;
    o.playlist = std::string(p.Json().at("data").at("_id").as_string());
    auto s = Call(bhttp::verb::post, "/api/chat/start", "{}", token_);
    EXPECT_EQ(s.status, 201u) << s.body;
    o.session = std::string(s.Json().at("data").at("sessionId").as_string());
    auto turn = Call(bhttp::verb::post, "/api/chat/message",
                     json::serialize(json::object{{"sessionId", o.session}, {"message", "hello"}}), token_);
    EXPECT_EQ(turn.status, 200u) << turn.body;
    auto recs = Call(bhttp::verb::get, "/api/recommendations?limit=5", "", token_);
    EXPECT_EQ(recs.status, 200u) << recs.body;
    o.recommendation = std::string(recs.Json().at("meta").at("recommendationId").as_string());
    o.track = std::string(recs.Json().at("data").at(0).at("trackId").as_string());
    return o;
  }

  // Every way B can name one of A's resources, with the id substituted.
  struct Attack {
    std::string route;  // as in kRoutesWithIds, or the body/query route used
    bhttp::verb method;
    std::string target, body;
  };
  static std::vector<Attack> AttacksOn(const Owned& a) {
    auto chat = [&](bool stream) {
      return json::serialize(json::object{{"sessionId", a.session}, {"message", "what did we say?"}, {"stream", stream}});
    };
    return {
        {"GET /api/playlists/{id}", bhttp::verb::get, "/api/playlists/" + a.playlist, ""},
        {"PATCH /api/playlists/{id}", bhttp::verb::patch, "/api/playlists/" + a.playlist, R"({"name": "pwned"})"},
        {"POST /api/playlists/{id}/spotify", bhttp::verb::post, "/api/playlists/" + a.playlist + "/spotify", "{}"},
        {"DELETE /api/chat/sessions/{id}", bhttp::verb::delete_, "/api/chat/sessions/" + a.session, ""},
        {"GET /api/chat/history?sessionId", bhttp::verb::get, "/api/chat/history?sessionId=" + a.session, ""},
        {"POST /api/chat/message sessionId", bhttp::verb::post, "/api/chat/message", chat(false)},
        {"POST /api/chat/message sessionId stream", bhttp::verb::post, "/api/chat/message", chat(true)},
        {"POST /api/recommendations/feedback recommendationId", bhttp::verb::post,
         "/api/recommendations/feedback",
         json::serialize(json::object{{"trackId", a.track}, {"action", "dislike"}, {"recommendationId", a.recommendation}})},
    };
  }

  void ExpectNotFound(const HttpReply& r, const std::string& what) {
    EXPECT_EQ(r.status, 404u) << what << ": " << r.body;
    if (r.status == 404u) {
      EXPECT_EQ(r.Json().at("code"), "NOT_FOUND") << what;
    }
  }

  void ExpectNoSecretAnywhere() {
    std::vector<std::string> secrets = {token_, intruder_, FakeSpotify::kAccess1, FakeSpotify::kRefresh1,
                                        FakeSpotify::kAccess2};
    for (const auto& t : extra_secrets_) secrets.push_back(t);
    std::string log = logs_.Text();
    EXPECT_FALSE(log.empty()) << "the log capture saw nothing";
    for (const auto& secret : secrets) {
      for (const auto& body : seen_) EXPECT_EQ(body.find(secret), std::string::npos) << secret << " in " << body;
      EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in the log";
    }
  }

  std::string intruder_, intruder_id_;
  std::vector<std::string> seen_;
  std::vector<std::string> extra_secrets_;
};

TEST_F(AuthzMatrix, EveryRouteWithAnIdIsInTheMatrix) {
  std::set<std::string> with_ids;
  for (const auto& op : Operations()) {
    // Test-only routes (ECHOTUNE_TEST_ROUTES, never on in production) are the
    // tests' instruments, not a user's resources.
    if (op.pattern.starts_with("/api/_test/")) continue;
    if (op.pattern.find('{') != std::string::npos) with_ids.insert(op.Name());
  }
  EXPECT_EQ(with_ids, kRoutesWithIds) << "a route with an id is not covered by AttacksOn";
  std::set<std::string> attacked;
  for (const auto& a : AttacksOn(Owned{"p", "s", "r", "t"})) attacked.insert(a.route);
  for (const auto& r : kRoutesWithIds) EXPECT_TRUE(attacked.contains(r)) << r;
}

TEST_F(AuthzMatrix, AnotherUsersResourcesAreNotFoundLikeIdsThatDoNotExist) {
  Owned a = MakeResources();
  Owned none{"665a1b2c3d4e5f6a7b8c9d0e", "00000000-0000-4000-8000-000000000000", "665a1b2c3d4e5f6a7b8c9d0f", a.track};
  auto attacks = AttacksOn(a);
  auto ghosts = AttacksOn(none);
  for (size_t i = 0; i < attacks.size(); ++i) {
    auto theirs = Call(attacks[i].method, attacks[i].target, attacks[i].body, intruder_);
    ExpectNotFound(theirs, "B on A's: " + attacks[i].route);
    auto missing = Call(ghosts[i].method, ghosts[i].target, ghosts[i].body, intruder_);
    ExpectNotFound(missing, "B on nothing: " + ghosts[i].route);
    // The same answer either way, so B learns nothing of what A has.
    if (theirs.status == 404u && missing.status == 404u) {
      EXPECT_EQ(theirs.Json().at("error"), missing.Json().at("error")) << attacks[i].route;
    }
  }
  // Nothing of A's changed.
  auto p = Call(bhttp::verb::get, "/api/playlists/" + a.playlist, "", token_);
  ASSERT_EQ(p.status, 200u) << p.body;
  EXPECT_NE(p.Json().at("data").at("name"), "pwned");
  EXPECT_EQ(p.Json().at("data").at("userId"), json::value(user_id_));
  EXPECT_FALSE(p.Json().at("data").as_object().contains("spotifyPlaylistId"));
  auto s = Call(bhttp::verb::get, "/api/chat/history?sessionId=" + a.session, "", token_);
  ASSERT_EQ(s.status, 200u) << s.body;
  EXPECT_EQ(s.Json().at("data").at("messages").as_array().size(), 2u) << "B's turns landed in A's session";
  auto settings = Call(bhttp::verb::get, "/api/user/settings", "", token_);
  ASSERT_EQ(settings.status, 200u);
  auto feedback = settings.Json().at("data").as_object().if_contains("trackFeedback");
  if (feedback) {
    EXPECT_EQ(json::serialize(feedback->at("disliked")).find(a.track), std::string::npos)
        << "B's feedback landed in A's settings";
  }
}

TEST_F(AuthzMatrix, ListsSearchAndSettingsShowOnlyTheCallersOwn) {
  Owned a = MakeResources();
  ASSERT_EQ(Call(bhttp::verb::patch, "/api/user/settings", R"({"theme": "dark", "favoriteGenres": ["jazz"]})", token_).status,
            200u);
  auto lists = Call(bhttp::verb::get, "/api/playlists", "", intruder_);
  ASSERT_EQ(lists.status, 200u);
  EXPECT_EQ(lists.Json().at("data").as_array().size(), 0u) << lists.body;
  auto search = Call(bhttp::verb::get, "/api/playlists/search?q=rock", "", intruder_);
  ASSERT_EQ(search.status, 200u);
  EXPECT_EQ(search.Json().at("data").as_array().size(), 0u) << search.body;
  auto sessions = Call(bhttp::verb::get, "/api/chat/sessions", "", intruder_);
  ASSERT_EQ(sessions.status, 200u);
  EXPECT_EQ(sessions.body.find(a.session), std::string::npos);
  auto theirs = Call(bhttp::verb::get, "/api/user/settings", "", intruder_);
  ASSERT_EQ(theirs.status, 200u);
  EXPECT_EQ(theirs.body.find("jazz"), std::string::npos) << theirs.body;
  ASSERT_EQ(Call(bhttp::verb::patch, "/api/user/settings", R"({"theme": "light"})", intruder_).status, 200u);
  auto mine = Call(bhttp::verb::get, "/api/user/settings", "", token_);
  EXPECT_EQ(mine.Json().at("data").at("theme"), "dark") << mine.body;
  auto history = Call(bhttp::verb::get, "/api/analytics/top-tracks?period=all", "", intruder_);
  ASSERT_EQ(history.status, 200u) << history.body;
  EXPECT_EQ(history.Json().at("data").as_array().size(), 0u) << history.body;
}

TEST_F(AuthzMatrix, ServerOwnedFieldsInAnyBodyAreAValidationErrorNamingTheField) {
  Owned a = MakeResources();
  int cases = 0;
  for (const auto& op : Operations()) {
    if (!op.example || !op.example->is_object()) continue;
    std::string target = op.pattern;
    if (auto at = target.find("{id}"); at != std::string::npos) target.replace(at, 4, a.playlist);
    for (const auto& field : kServerOwnedFields) {
      json::object body = op.example->as_object();
      body[field] = intruder_id_;
      auto r = Call(op.method, target, json::serialize(body), token_);
      ++cases;
      EXPECT_EQ(r.status, 400u) << op.Name() << " with " << field << ": " << r.body;
      if (r.status != 400u) continue;
      EXPECT_EQ(r.Json().at("code"), "VALIDATION_ERROR");
      EXPECT_EQ(r.Json().at("details").at("field"), json::value(field)) << r.body;
    }
  }
  EXPECT_GE(cases, 10 * static_cast<int>(kServerOwnedFields.size()));
  // Nested: a listen of the batch that names another user.
  auto nested = Call(bhttp::verb::post, "/api/history",
                     json::serialize(json::object{{"listens", json::array{json::object{
                                                                  {"trackId", a.track},
                                                                  {"playedAt", "2026-01-01T00:00:00Z"},
                                                                  {"userId", intruder_id_}}}}}),
                     token_);
  EXPECT_EQ(nested.status, 400u) << nested.body;
  EXPECT_EQ(nested.Json().at("details").at("field"), "listens[0].userId") << nested.body;
  // And nothing was applied: the playlist is still A's, B has no listens.
  auto p = Call(bhttp::verb::get, "/api/playlists/" + a.playlist, "", token_);
  EXPECT_EQ(p.Json().at("data").at("userId"), json::value(user_id_));
  auto b_history = Call(bhttp::verb::get, "/api/analytics/top-tracks?period=all", "", intruder_);
  EXPECT_EQ(b_history.Json().at("data").as_array().size(), 0u) << b_history.body;
}

TEST_F(AuthzMatrix, EveryBadTokenOnEveryProtectedRouteIs401) {
  const std::string secret = "e2e-secret";
  const long long now = NowS();
  // A user who logs out, and one who is deleted afterwards.
  std::string leaver_id, gone_id;
  std::string revoked = NewUser("leaver", "", &leaver_id);
  std::string deleted = NewUser("gone", "", &gone_id);
  // (Not used before its user is deleted: a user seen in the last 30 s is
  // remembered by the instance, api::KnownUsers, so its deletion is honoured
  // 30 s later; src/api/known_users_test.cpp covers that expiry.)
  ASSERT_EQ(Call(bhttp::verb::post, "/auth/logout", "", revoked).status, 200u);
  ASSERT_TRUE(store().users().Delete(*core::ObjectId::Parse(gone_id)).ok());
  extra_secrets_ = {revoked, deleted};

  std::string none_alg = Base64Url(R"({"alg":"none","typ":"JWT"})") + "." +
                         Base64Url(R"({"userId":")" + user_id_ + R"(","exp":)" + std::to_string(now + 3600) + "}") +
                         ".";
  const std::vector<std::pair<std::string, std::string>> tokens = {
      {"alg none", none_alg},
      {"HS512", SignedToken("HS512", secret, user_id_, now + 3600)},
      {"wrong key", SignedToken("HS256", "not-the-secret", user_id_, now + 3600)},
      {"expired", SignedToken("HS256", secret, user_id_, now - 60)},
      {"not yet valid", SignedToken("HS256", secret, user_id_, now + 7200, now + 3600)},
      {"revoked", revoked},
      {"deleted user", deleted},
      {"unknown user", SignedToken("HS256", secret, "665a1b2c3d4e5f6a7b8c9d0e", now + 3600)},
      {"userId not an id", SignedToken("HS256", secret, "../../admin", now + 3600)},
      {"garbage", "a.b.c"},
  };
  int checked = 0;
  for (const auto& op : Operations()) {
    if (!op.auth) continue;
    std::string target = op.pattern;
    if (auto at = target.find("{id}"); at != std::string::npos) target.replace(at, 4, "665a1b2c3d4e5f6a7b8c9d0e");
    std::string body = op.example ? json::serialize(*op.example) : (op.method == bhttp::verb::get ? "" : "{}");
    auto missing = Call(op.method, target, body, "");
    EXPECT_EQ(missing.status, 401u) << op.Name() << " without a token: " << missing.body;
    if (missing.status == 401u) {
      EXPECT_EQ(missing.Json().at("code"), "MISSING_TOKEN");
    }
    for (const auto& [name, token] : tokens) {
      auto r = Call(op.method, target, body, token);
      ++checked;
      EXPECT_EQ(r.status, 401u) << op.Name() << " with " << name << ": " << r.body;
      if (r.status == 401u) {
        EXPECT_EQ(r.Json().at("code"), "INVALID_TOKEN") << op.Name() << " " << name;
      }
    }
  }
  RecordProperty("matrix", checked);
  std::cout << "authz matrix: " << checked << " bad-token requests over " << checked / tokens.size()
            << " protected routes x " << tokens.size() << " kinds\n";
  EXPECT_GE(checked, 30 * static_cast<int>(tokens.size()));
  // The good token still works.
  EXPECT_EQ(Call(bhttp::verb::get, "/api/_test/me", "", token_).status, 200u);
}

TEST_F(AuthzMatrix, TokensNeverAppearInResponsesLogsOrExports) {
  MakeResources();
  // The refresh stores a new Spotify access token (kAccess2's sibling for A).
  auto refreshed = Call(bhttp::verb::post, "/auth/refresh", "", token_);
  EXPECT_EQ(refreshed.status, 200u) << refreshed.body;
  // Every GET a user can make, A's exports included, with A's token.
  for (const auto& op : Operations()) {
    if (op.method != bhttp::verb::get || !op.auth || op.pattern.find('{') != std::string::npos) continue;
    Call(op.method, op.pattern, "", token_);
  }
  Call(bhttp::verb::get, "/api/analytics/export?format=csv", "", token_);
  Call(bhttp::verb::get, "/api/analytics/export?format=json", "", token_);
  Call(bhttp::verb::get, "/metrics", "", "");
  // Tokens sent where they do not belong are not echoed either.
  Call(bhttp::verb::get, "/api/nope?token=" + token_, "", token_);
  Call(bhttp::verb::post, "/api/history", "{\"listens\": \"" + token_ + "\"}", token_);
  EXPECT_GT(seen_.size(), 20u);
  // TearDown greps every response and the log.
}

}  // namespace
}  // namespace echotune::e2e
