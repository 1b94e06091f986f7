// A service wired to a FakeSpotify, with a connected user (tokens access-1 /
// refresh-1 stored as after a login) and small helpers for /api/spotify/*.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "tests/e2e/fake_spotify.h"
#include "tests/e2e/http_client.h"
#include "tests/e2e/test_service.h"

namespace echotune::e2e {

struct SpotifyFixture {
  explicit SpotifyFixture(std::initializer_list<std::pair<std::string, std::string>> extra = {})
      : svc(Env(fake, extra)) {
    token = NewUser("fake-user-1", FakeSpotify::kAccess1, std::chrono::seconds(3600), &user_id);
  }

  static std::vector<std::pair<std::string, std::string>> Env(
      FakeSpotify& fake, std::initializer_list<std::pair<std::string, std::string>> extra) {
    std::vector<std::pair<std::string, std::string>> vars = {
        {"SPOTIFY_ACCOUNTS_URL", fake.url()},  {"SPOTIFY_API_URL", fake.url() + "/"},
        {"SPOTIFY_CLIENT_ID", "test-client"},  {"SPOTIFY_SYNC_INTERVAL_S", "0"},
        {"RATE_LIMIT_SPOTIFY", "100000"},      {"RATE_LIMIT_GLOBAL", "100000"}};
    vars.insert(vars.end(), extra.begin(), extra.end());
    return vars;
  }

  store::Store& store() { return svc.service().store(); }

  // A user with Spotify tokens (empty access token: not connected); returns a JWT.
  std::string NewUser(const std::string& spotify_id, const std::string& access,
                      std::chrono::seconds expires_in, std::string* id_out = nullptr) {
    model::User u;
    u.spotify_id = spotify_id;
    u.display_name = spotify_id;
    if (!access.empty()) {
      u.access_token = access;
      u.refresh_token = FakeSpotify::kRefresh1;
      u.token_expires_at = std::chrono::system_clock::now() + expires_in;
    }
    auto stored = store().users().UpsertBySpotifyId(u);
    EXPECT_TRUE(stored.ok());
    if (id_out) *id_out = stored->id.ToHex();
    return svc.service().jwt().Issue(stored->id.ToHex(), spotify_id);
  }

  model::User StoredUser() {
    return store().users().Get(*core::ObjectId::Parse(user_id)).value();
  }

  HttpReply Get(const std::string& target, const std::string& jwt = "") {
    return Fetch(svc.port(), bhttp::verb::get, target, "", {{"Authorization", "Bearer " + (jwt.empty() ? token : jwt)}});
  }
  HttpReply Post(const std::string& target, const std::string& body = "", const std::string& jwt = "") {
    return Fetch(svc.port(), bhttp::verb::post, target, body,
                 {{"Authorization", "Bearer " + (jwt.empty() ? token : jwt)}});
  }

  FakeSpotify fake;
  TestService svc;
  std::string token;
  std::string user_id;

};

}  // namespace echotune::e2e
