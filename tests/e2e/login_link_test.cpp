// Issue 14: `echotune login-link` prints a one-time sign-in link; the page it
// opens exchanges the code at POST /auth/link for a JWT, once.
#include <gtest/gtest.h>

#include "tests/e2e/child_process.h"
#include "tests/e2e/http_client.h"
#include "tests/e2e/test_service.h"

namespace echotune::e2e {
namespace {

using namespace std::chrono_literals;

struct LinkFixture {
  LinkFixture() {
    model::User u;
    u.spotify_id = "link-user";
    u.display_name = "Link User";
    auto user = svc.service().store().users().UpsertBySpotifyId(u);
    EXPECT_TRUE(user.ok());
    user_id = user->id.ToHex();
  }
  // Runs the CLI against the service's store; returns its first stdout line.
  std::string Link(const std::vector<std::string>& args, int* exit_code = nullptr) {
    ChildProcess cli(args, {{"ECHOTUNE_DB_PATH", (svc.dir() / "echotune.db").string()},
                            {"JWT_SECRET", "e2e-secret"},
                            {"PORT", "3000"}});
    std::string line = cli.WaitForLine("^(http.*)$", 10s);
    int rc = cli.Wait(10s);
    if (exit_code) *exit_code = rc;
    return line;
  }
  static std::string CodeOf(const std::string& link) {
    auto pos = link.find("#code=");
    return pos == std::string::npos ? "" : link.substr(pos + 6);
  }
  HttpReply Redeem(const std::string& code) {
    return Fetch(svc.port(), bhttp::verb::post, "/auth/link",
                 boost::json::serialize(boost::json::object{{"code", code}}));
  }

  TestService svc{{{"RATE_LIMIT_AUTH", "100"}}};
  std::string user_id;
};

TEST(LoginLink, PrintsALinkWhoseCodeSignsInOnce) {
  LinkFixture f;
  std::string link = f.Link({"login-link", "--user", f.user_id});
  ASSERT_TRUE(link.starts_with("http://127.0.0.1:3000/signin#code=")) << link;
  std::string code = LinkFixture::CodeOf(link);
  ASSERT_EQ(code.size(), 64u);

  HttpReply first = f.Redeem(code);
  ASSERT_EQ(first.status, 200u) << first.body;
  auto data = first.Json().at("data");
  EXPECT_EQ(data.at("user").at("_id"), f.user_id.c_str());
  EXPECT_FALSE(data.at("user").as_object().contains("accessToken"));
  // The token works on the API.
  std::string token(data.at("token").as_string());
  HttpReply settings = Fetch(f.svc.port(), bhttp::verb::get, "/api/user/settings", "",
                             {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(settings.status, 200u);

  HttpReply second = f.Redeem(code);
  EXPECT_EQ(second.status, 401u);
  EXPECT_EQ(second.Json().at("code"), "INVALID_TOKEN");
}

TEST(LoginLink, AcceptsASpotifyIdAndABaseUrl) {
  LinkFixture f;
  std::string link = f.Link({"login-link", "--user", "link-user", "--base-url", "https://music.example.org/"});
  ASSERT_TRUE(link.starts_with("https://music.example.org/signin#code=")) << link;
  EXPECT_EQ(f.Redeem(LinkFixture::CodeOf(link)).status, 200u);
}

TEST(LoginLink, UnknownUsersGetNoLink) {
  LinkFixture f;
  int rc = 0;
  std::string link = f.Link({"login-link", "--user", "665a1b2c3d4e5f6a7b8c9d0e"}, &rc);
  EXPECT_EQ(link, "");
  EXPECT_EQ(rc, 1);
}

TEST(LoginLink, WrongMissingAndMalformedCodes) {
  LinkFixture f;
  HttpReply wrong = f.Redeem(std::string(64, 'b'));
  EXPECT_EQ(wrong.status, 401u);
  EXPECT_EQ(wrong.Json().at("code"), "INVALID_TOKEN");
  HttpReply missing = Fetch(f.svc.port(), bhttp::verb::post, "/auth/link", "{}");
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(missing.Json().at("details").at("field"), "code");
  HttpReply malformed = f.Redeem("not-hex");
  EXPECT_EQ(malformed.status, 400u);
  EXPECT_EQ(malformed.Json().at("details").at("field"), "code");
  HttpReply not_json = Fetch(f.svc.port(), bhttp::verb::post, "/auth/link", "[1,2");
  EXPECT_EQ(not_json.status, 400u);
  // No endpoint hands out codes or sessions.
  EXPECT_EQ(Fetch(f.svc.port(), bhttp::verb::get, "/auth/link").status, 405u);
}

}  // namespace
}  // namespace echotune::e2e
