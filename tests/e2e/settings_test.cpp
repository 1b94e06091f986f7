// Issue 7, GET/PATCH /api/user/settings over real HTTP with a real store.
#include <gtest/gtest.h>

#include "tests/e2e/http_client.h"
#include "tests/e2e/test_service.h"

namespace echotune::e2e {
namespace {

struct SettingsFixture {
  SettingsFixture() {
    model::User u;
    u.spotify_id = "settings-user";
    u.display_name = "Settings User";
    auto stored = svc.service().store().users().UpsertBySpotifyId(u);
    EXPECT_TRUE(stored.ok());
    user_id = stored->id.ToHex();
    token = svc.service().jwt().Issue(user_id, u.spotify_id);
  }
  HttpReply Get() {
    return Fetch(svc.port(), bhttp::verb::get, "/api/user/settings", "",
                 {{"Authorization", "Bearer " + token}});
  }
  HttpReply Patch(const std::string& body) {
    return Fetch(svc.port(), bhttp::verb::patch, "/api/user/settings", body,
                 {{"Authorization", "Bearer " + token}});
  }

  TestService svc;
  std::string user_id;
  std::string token;
};

TEST(Settings, DefaultsBeforeAnyPatchThenServedFromTheCache) {
  SettingsFixture f;
  auto first = f.Get();
  ASSERT_EQ(first.status, 200u) << first.body;
  auto data = first.Json().at("data").as_object();
  EXPECT_EQ(data.at("userId"), f.user_id.c_str());
  EXPECT_EQ(data.at("explicitContent"), true);
  EXPECT_EQ(data.at("favoriteGenres").as_array().size(), 0u);
  EXPECT_EQ(first.Json().at("meta").at("cached"), false);
  auto second = f.Get();
  EXPECT_EQ(second.Json().at("meta").at("cached"), true);
  EXPECT_EQ(second.Json().at("data"), first.Json().at("data"));
}

TEST(Settings, PatchUpdatesOnlyTheGivenFieldsAndInvalidatesTheCache) {
  SettingsFixture f;
  f.Get();  // cached now
  auto r = f.Patch(R"({"favoriteGenres":["indie","jazz"],"energyLevel":0.7,"theme":"dark"})");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.Json().at("data").at("energyLevel"), 0.7);
  auto after = f.Get();
  EXPECT_EQ(after.Json().at("meta").at("cached"), false);
  auto data = after.Json().at("data").as_object();
  EXPECT_EQ(data.at("favoriteGenres"), boost::json::parse(R"(["indie","jazz"])"));
  EXPECT_EQ(data.at("theme"), "dark");
  auto again = f.Patch(R"({"explicitContent":false})");
  ASSERT_EQ(again.status, 200u) << again.body;
  data = f.Get().Json().at("data").as_object();
  EXPECT_EQ(data.at("explicitContent"), false);
  EXPECT_EQ(data.at("theme"), "dark");  // untouched by the second patch
  EXPECT_EQ(data.at("energyLevel"), 0.7);
}

TEST(Settings, SharedFieldsAreMirroredIntoTheUserDocument) {
  SettingsFixture f;
  auto& users = f.svc.service().store().users();
  const auto id = *core::ObjectId::Parse(f.user_id);
  ASSERT_EQ(f.Patch(R"({"favoriteGenres":["indie","jazz"],"energyLevel":0.7})").status, 200u);
  auto user = users.Get(id);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->preferences.favorite_genres, (std::vector<std::string>{"indie", "jazz"}));
  EXPECT_EQ(user->preferences.audio_features_preferences.energy, 0.7);

  // A patch of unshared fields leaves users.preferences alone; one shared field
  // changes only its counterpart.
  ASSERT_EQ(f.Patch(R"({"theme":"light","diversityWeight":0.2})").status, 200u);
  ASSERT_EQ(f.Patch(R"({"energyLevel":0.25})").status, 200u);
  user = users.Get(id);
  EXPECT_EQ(user->preferences.favorite_genres, (std::vector<std::string>{"indie", "jazz"}));
  EXPECT_EQ(user->preferences.audio_features_preferences.energy, 0.25);
  ASSERT_EQ(f.Patch(R"({"favoriteGenres":[]})").status, 200u);
  EXPECT_TRUE(users.Get(id)->preferences.favorite_genres.empty());

  // Both documents agree with what GET /api/user/settings shows.
  auto data = f.Get().Json().at("data").as_object();
  EXPECT_EQ(data.at("energyLevel"), 0.25);
  EXPECT_EQ(data.at("favoriteGenres").as_array().size(), 0u);

  // An invalid patch writes neither document.
  EXPECT_EQ(f.Patch(R"({"energyLevel":1.5,"favoriteGenres":["rock"]})").status, 400u);
  user = users.Get(id);
  EXPECT_EQ(user->preferences.audio_features_preferences.energy, 0.25);
  EXPECT_TRUE(user->preferences.favorite_genres.empty());
}

TEST(Settings, InvalidOrUnknownFieldsAreNamed) {
  SettingsFixture f;
  struct Case {
    const char* body;
    const char* field;
  };
  for (const Case& c : {Case{R"({"energyLevel":1.5})", "energyLevel"},
                        Case{R"({"theme":"pink"})", "theme"},
                        Case{R"({"favoriteGenres":"rock"})", "favoriteGenres"},
                        Case{R"({"shoeSize":44})", "shoeSize"},
                        Case{R"([1,2])", "body"}}) {
    auto r = f.Patch(c.body);
    EXPECT_EQ(r.status, 400u) << c.body << " " << r.body;
    EXPECT_EQ(r.Json().at("code"), "VALIDATION_ERROR") << c.body;
    EXPECT_EQ(r.Json().at("details").at("field"), c.field) << c.body << " " << r.body;
  }
  // Nothing was stored.
  auto data = f.Get().Json().at("data").as_object();
  EXPECT_TRUE(!data.contains("theme") || data.at("theme").is_null()) << data;
}

TEST(Settings, RequireAToken) {
  SettingsFixture f;
  auto r = Fetch(f.svc.port(), bhttp::verb::get, "/api/user/settings");
  EXPECT_EQ(r.status, 401u);
  EXPECT_EQ(r.Json().at("code"), "MISSING_TOKEN");
}

}  // namespace
}  // namespace echotune::e2e
