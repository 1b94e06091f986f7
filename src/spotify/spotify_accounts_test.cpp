#include "spotify/spotify_accounts.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>

#include "spotify/async_http_client.h"

namespace echotune::spotify {
namespace {

const core::TimePoint kNow = core::TimePoint(std::chrono::seconds(1'700'000'000));

TEST(SpotifyAccounts, TokenAnswerGivesTokensAndExpiry) {
  auto t = ParseTokenResponse(
      R"({"access_token":"A","token_type":"Bearer","expires_in":3600,"refresh_token":"R","scope":"s"})",
      kNow);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->access_token, "A");
  EXPECT_EQ(t->refresh_token, "R");
  EXPECT_EQ(t->expires_at, kNow + std::chrono::seconds(3600));
}

TEST(SpotifyAccounts, RefreshAnswerMayOmitTheRefreshToken) {
  auto t = ParseTokenResponse(R"({"access_token":"B","expires_in":60})", kNow);
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->refresh_token.has_value());
}

TEST(SpotifyAccounts, TokenAnswerWithoutAccessTokenIsUnavailable) {
  auto t = ParseTokenResponse("not json", kNow);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, core::ErrorCode::kUnavailable);
}

TEST(SpotifyAccounts, ProfileMapsProductFollowersAndFirstImage) {
  auto p = ParseProfile(R"({"id":"u1","display_name":"Ann","email":"a@x.io","country":"SE",
      "product":"premium","followers":{"total":7},"images":[{"url":"http://i/1"},{"url":"http://i/2"}]})");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->display_name, "Ann");
  EXPECT_TRUE(p->premium);
  EXPECT_EQ(p->followers, 7);
  EXPECT_EQ(p->image_url, "http://i/1");
}

TEST(SpotifyAccounts, ProfileWithoutDisplayNameUsesTheIdAndFreeIsNotPremium) {
  auto p = ParseProfile(R"({"id":"u2","display_name":null,"product":"free","images":[]})");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->display_name, "u2");
  EXPECT_FALSE(p->premium);
  EXPECT_FALSE(p->image_url.has_value());
}

TEST(SpotifyAccounts, UnreachableAccountsServiceIsSpotifyUnavailableAfterOneRetry) {
  core::FakeClock clock(kNow);
  AsyncHttpClient http;
  SpotifySender sender(http, nullptr, RetryPolicy{.jitter_min = std::chrono::milliseconds(1),
                                                   .jitter_max = std::chrono::milliseconds(1)});
  SpotifyLogin login(sender, {.accounts_url = "http://127.0.0.1:1", .client_id = "c"}, clock);
  boost::asio::io_context io;
  std::optional<core::Result<TokenSet>> out;
  boost::asio::co_spawn(
      io, [&]() -> boost::asio::awaitable<void> { out = co_await login.ExchangeCode("code", "v"); },
      boost::asio::detached);
  io.run();
  ASSERT_TRUE(out.has_value());
  ASSERT_FALSE(out->ok());
  EXPECT_EQ(out->error().code, core::ErrorCode::kSpotifyUnavailable);
}

}  // namespace
}  // namespace echotune::spotify
